-- Every applied configuration of a published activity as an immutable version (lib/activities/config-versions.ts).
-- Activities published before this table existed get the version they are at from
-- `npm run migrate`'s backfill (lib/activities/config-versions.ts), which needs the
-- application's own snapshot format.

-- CreateTable
CREATE TABLE "ConfigVersion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConfigVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConfigVersion_activityId_version_key" ON "ConfigVersion"("activityId", "version");

-- CreateIndex
CREATE INDEX "ConfigVersion_tenantId_activityId_idx" ON "ConfigVersion"("tenantId", "activityId");

-- AddForeignKey
ALTER TABLE "ConfigVersion" ADD CONSTRAINT "ConfigVersion_tenantId_fkey"
    FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfigVersion" ADD CONSTRAINT "ConfigVersion_activityId_fkey"
    FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
