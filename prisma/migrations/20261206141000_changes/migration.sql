-- Proposed changes of a published activity's configuration, their approvals bound to the change's
-- hash, and each tenant's approval policy (lib/activities/propose-change.ts).

-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'CANCELLED', 'CONFLICT');

-- CreateTable
CREATE TABLE "Change" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "patch" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "diff" JSONB NOT NULL,
    "status" "ChangeStatus" NOT NULL DEFAULT 'PENDING',
    "applyAt" TIMESTAMP(3),
    "reason" TEXT,
    "proposerType" "ActorType" NOT NULL,
    "proposerId" TEXT,
    "proposerIdentity" TEXT NOT NULL,
    "appliedVersion" INTEGER,
    "appliedAt" TIMESTAMP(3),
    "closedByType" "ActorType",
    "closedById" TEXT,
    "closedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeApproval" (
    "id" UUID NOT NULL,
    "changeId" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "identity" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "tenantId" UUID NOT NULL,
    "required" INTEGER NOT NULL DEFAULT 0,
    "scope" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Change_tenantId_activityId_status_idx" ON "Change"("tenantId", "activityId", "status");

-- CreateIndex
CREATE INDEX "Change_tenantId_status_idx" ON "Change"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeApproval_changeId_hash_identity_key" ON "ChangeApproval"("changeId", "hash", "identity");

-- AddForeignKey
ALTER TABLE "Change" ADD CONSTRAINT "Change_tenantId_fkey"
    FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Change" ADD CONSTRAINT "Change_activityId_fkey"
    FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeApproval" ADD CONSTRAINT "ChangeApproval_changeId_fkey"
    FOREIGN KEY ("changeId") REFERENCES "Change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalPolicy" ADD CONSTRAINT "ApprovalPolicy_tenantId_fkey"
    FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
