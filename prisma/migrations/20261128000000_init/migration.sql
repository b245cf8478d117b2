-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'OPERATOR', 'ANALYST');

CREATE TYPE "PrizeKind" AS ENUM ('PHYSICAL', 'VIRTUAL', 'COUPON', 'POINTS');

CREATE TYPE "StockMovementKind" AS ENUM ('RESTOCK', 'RESERVE', 'RELEASE', 'ISSUE', 'RETURN', 'ADJUST');

CREATE TYPE "ActorType" AS ENUM ('OPERATOR', 'API_KEY', 'SYSTEM', 'USER');

CREATE TYPE "ActivityStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED');

CREATE TYPE "Gameplay" AS ENUM ('WHEEL', 'GRID', 'SCRATCH');

CREATE TYPE "Pacing" AS ENUM ('NONE', 'EVEN');

CREATE TYPE "TaskKind" AS ENUM ('SIGN_IN', 'SHARE', 'INVITE', 'EVENT');

CREATE TYPE "ChanceSource" AS ENUM ('TASK', 'EVENT', 'OPERATOR');

CREATE TYPE "DrawOutcome" AS ENUM ('WIN', 'LOSE');

CREATE TYPE "ChanceKind" AS ENUM ('FREE', 'GRANTED');

CREATE TYPE "WinStatus" AS ENUM ('AWAITING_CLAIM', 'CLAIMED', 'SHIPPED', 'DELIVERED', 'HELD', 'VOID');

CREATE TYPE "RiskRuleKind" AS ENUM ('RATE_LIMIT_USER', 'RATE_LIMIT_DEVICE', 'RATE_LIMIT_IP', 'ACCOUNTS_PER_DEVICE', 'MIN_ACCOUNT_AGE', 'BLACKLIST', 'WIN_RATE_ANOMALY', 'VELOCITY_ANOMALY');

CREATE TYPE "RiskAction" AS ENUM ('BLOCK', 'RATE_LIMITED', 'FORCE_LOSE', 'HOLD');

CREATE TYPE "RiskListKind" AS ENUM ('USER', 'DEVICE', 'IP');

CREATE TYPE "AlertSeverity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "userTokenSecret" TEXT NOT NULL,
    "webhookSecret" TEXT NOT NULL,
    "notifyUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" UUID,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prize" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PrizeKind" NOT NULL,
    "valueMinor" INTEGER NOT NULL DEFAULT 0,
    "imageUrl" TEXT,
    "description" TEXT,
    "availableStock" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prize_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityStock" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "prizeId" UUID NOT NULL,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityStock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockMovement" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "prizeId" UUID NOT NULL,
    "activityId" UUID,
    "kind" "StockMovementKind" NOT NULL,
    "poolDelta" INTEGER NOT NULL DEFAULT 0,
    "activityDelta" INTEGER NOT NULL DEFAULT 0,
    "issuedDelta" INTEGER NOT NULL DEFAULT 0,
    "returnedDelta" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponCode" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "prizeId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "winId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouponCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "ActivityStatus" NOT NULL DEFAULT 'DRAFT',
    "gameplay" "Gameplay" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "materials" JSONB NOT NULL DEFAULT '{}',
    "freeDrawsPerDay" INTEGER NOT NULL DEFAULT 0,
    "maxDrawsPerDay" INTEGER,
    "maxDrawsTotal" INTEGER,
    "maxWinsPerUser" INTEGER,
    "claimWindowHours" INTEGER,
    "fixedWinners" INTEGER,
    "pauseOnDrift" BOOLEAN NOT NULL DEFAULT false,
    "configVersion" INTEGER NOT NULL DEFAULT 0,
    "stateEpoch" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "stockReturnedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tier" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "probabilityMicros" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "pacing" "Pacing" NOT NULL DEFAULT 'NONE',
    "perUserLimit" INTEGER,
    "segments" JSONB NOT NULL DEFAULT '[]',
    "autoTuneMinMicros" INTEGER,
    "autoTuneMaxMicros" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TierPrize" (
    "id" UUID NOT NULL,
    "tierId" UUID NOT NULL,
    "prizeId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "weight" INTEGER,

    CONSTRAINT "TierPrize_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "name" TEXT NOT NULL,
    "eventType" TEXT,
    "chances" INTEGER NOT NULL,
    "perDay" INTEGER,
    "total" INTEGER,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChanceGrant" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "taskId" UUID,
    "source" "ChanceSource" NOT NULL,
    "chances" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChanceGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draw" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "outcome" "DrawOutcome" NOT NULL,
    "tierId" UUID,
    "chanceKind" "ChanceKind" NOT NULL,
    "chancesLeft" INTEGER NOT NULL,
    "riskAction" TEXT,
    "ip" TEXT,
    "deviceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Draw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Win" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "drawId" UUID NOT NULL,
    "tierId" UUID NOT NULL,
    "prizeId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "WinStatus" NOT NULL,
    "claimName" TEXT,
    "claimPhone" TEXT,
    "claimAddress" TEXT,
    "claimedAt" TIMESTAMP(3),
    "claimExpiresAt" TIMESTAMP(3),
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "voidReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Win_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "activityId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "firstDrawAt" TIMESTAMP(3) NOT NULL,
    "lastDrawAt" TIMESTAMP(3) NOT NULL,
    "draws" INTEGER NOT NULL,
    "wins" INTEGER NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("activityId", "userId")
);

-- CreateTable
CREATE TABLE "RiskRule" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID,
    "kind" "RiskRuleKind" NOT NULL,
    "action" "RiskAction" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskListEntry" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "RiskListKind" NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskEvent" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID,
    "ruleId" UUID,
    "kind" "RiskRuleKind" NOT NULL,
    "action" "RiskAction" NOT NULL,
    "userId" TEXT,
    "deviceId" TEXT,
    "ip" TEXT,
    "drawId" UUID,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatsBucket" (
    "activityId" UUID NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "tenantId" UUID NOT NULL,
    "draws" INTEGER NOT NULL DEFAULT 0,
    "wins" INTEGER NOT NULL DEFAULT 0,
    "winsByTier" JSONB NOT NULL DEFAULT '{}',
    "newUsers" INTEGER NOT NULL DEFAULT 0,
    "chancesGranted" INTEGER NOT NULL DEFAULT 0,
    "chancesUsed" INTEGER NOT NULL DEFAULT 0,
    "riskEvents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsBucket_pkey" PRIMARY KEY ("activityId", "minute")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID,
    "kind" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Operator_email_key" ON "Operator"("email");

-- CreateIndex
CREATE INDEX "Membership_operatorId_idx" ON "Membership"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_operatorId_key" ON "Membership"("tenantId", "operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_email_idx" ON "Invitation"("tenantId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE INDEX "Prize_tenantId_createdAt_idx" ON "Prize"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "ActivityStock_tenantId_prizeId_idx" ON "ActivityStock"("tenantId", "prizeId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityStock_activityId_prizeId_key" ON "ActivityStock"("activityId", "prizeId");

-- CreateIndex
CREATE UNIQUE INDEX "StockMovement_dedupeKey_key" ON "StockMovement"("dedupeKey");

-- CreateIndex
CREATE INDEX "StockMovement_tenantId_prizeId_createdAt_idx" ON "StockMovement"("tenantId", "prizeId", "createdAt");

-- CreateIndex
CREATE INDEX "StockMovement_activityId_prizeId_idx" ON "StockMovement"("activityId", "prizeId");

-- CreateIndex
CREATE UNIQUE INDEX "CouponCode_winId_key" ON "CouponCode"("winId");

-- CreateIndex
CREATE UNIQUE INDEX "CouponCode_prizeId_code_key" ON "CouponCode"("prizeId", "code");

-- CreateIndex
CREATE INDEX "Activity_tenantId_status_idx" ON "Activity"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Activity_tenantId_createdAt_idx" ON "Activity"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Tier_tenantId_idx" ON "Tier"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Tier_activityId_position_key" ON "Tier"("activityId", "position");

-- CreateIndex
CREATE INDEX "TierPrize_prizeId_idx" ON "TierPrize"("prizeId");

-- CreateIndex
CREATE UNIQUE INDEX "TierPrize_tierId_prizeId_key" ON "TierPrize"("tierId", "prizeId");

-- CreateIndex
CREATE INDEX "Task_tenantId_activityId_eventType_idx" ON "Task"("tenantId", "activityId", "eventType");

-- CreateIndex
CREATE UNIQUE INDEX "Task_activityId_position_key" ON "Task"("activityId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ChanceGrant_dedupeKey_key" ON "ChanceGrant"("dedupeKey");

-- CreateIndex
CREATE INDEX "ChanceGrant_activityId_userId_idx" ON "ChanceGrant"("activityId", "userId");

-- CreateIndex
CREATE INDEX "ChanceGrant_activityId_createdAt_idx" ON "ChanceGrant"("activityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalEvent_tenantId_eventId_key" ON "ExternalEvent"("tenantId", "eventId");

-- CreateIndex
CREATE INDEX "Draw_activityId_createdAt_idx" ON "Draw"("activityId", "createdAt");

-- CreateIndex
CREATE INDEX "Draw_tenantId_userId_idx" ON "Draw"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Draw_activityId_userId_idempotencyKey_key" ON "Draw"("activityId", "userId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Win_activityId_status_createdAt_idx" ON "Win"("activityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Win_tenantId_userId_idx" ON "Win"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "Win_tenantId_status_createdAt_idx" ON "Win"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Win_drawId_prizeId_key" ON "Win"("drawId", "prizeId");

-- CreateIndex
CREATE INDEX "RiskRule_tenantId_activityId_idx" ON "RiskRule"("tenantId", "activityId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskListEntry_tenantId_kind_value_key" ON "RiskListEntry"("tenantId", "kind", "value");

-- CreateIndex
CREATE INDEX "RiskEvent_tenantId_createdAt_idx" ON "RiskEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "RiskEvent_activityId_createdAt_idx" ON "RiskEvent"("activityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_createdAt_idx" ON "AuditLog"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_objectType_objectId_idx" ON "AuditLog"("tenantId", "objectType", "objectId");

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_actorId_idx" ON "AuditLog"("tenantId", "actorId");

-- CreateIndex
CREATE INDEX "StatsBucket_tenantId_idx" ON "StatsBucket"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE INDEX "Alert_tenantId_acknowledgedAt_idx" ON "Alert"("tenantId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "Alert_activityId_idx" ON "Alert"("activityId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Prize" ADD CONSTRAINT "Prize_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ActivityStock" ADD CONSTRAINT "ActivityStock_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ActivityStock" ADD CONSTRAINT "ActivityStock_prizeId_fkey" FOREIGN KEY ("prizeId") REFERENCES "Prize"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_prizeId_fkey" FOREIGN KEY ("prizeId") REFERENCES "Prize"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CouponCode" ADD CONSTRAINT "CouponCode_prizeId_fkey" FOREIGN KEY ("prizeId") REFERENCES "Prize"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CouponCode" ADD CONSTRAINT "CouponCode_winId_fkey" FOREIGN KEY ("winId") REFERENCES "Win"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Tier" ADD CONSTRAINT "Tier_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "TierPrize" ADD CONSTRAINT "TierPrize_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "TierPrize" ADD CONSTRAINT "TierPrize_prizeId_fkey" FOREIGN KEY ("prizeId") REFERENCES "Prize"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Task" ADD CONSTRAINT "Task_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ChanceGrant" ADD CONSTRAINT "ChanceGrant_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ChanceGrant" ADD CONSTRAINT "ChanceGrant_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ExternalEvent" ADD CONSTRAINT "ExternalEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Draw" ADD CONSTRAINT "Draw_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Draw" ADD CONSTRAINT "Draw_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Win" ADD CONSTRAINT "Win_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Win" ADD CONSTRAINT "Win_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "Draw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Win" ADD CONSTRAINT "Win_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Win" ADD CONSTRAINT "Win_prizeId_fkey" FOREIGN KEY ("prizeId") REFERENCES "Prize"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Participation" ADD CONSTRAINT "Participation_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RiskRule" ADD CONSTRAINT "RiskRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RiskRule" ADD CONSTRAINT "RiskRule_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RiskListEntry" ADD CONSTRAINT "RiskListEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RiskEvent" ADD CONSTRAINT "RiskEvent_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "StatsBucket" ADD CONSTRAINT "StatsBucket_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Alert" ADD CONSTRAINT "Alert_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Alert" ADD CONSTRAINT "Alert_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Invariants Prisma cannot express (named <table>_<rule>_check; listed on each model in schema.prisma).
ALTER TABLE "Prize" ADD CONSTRAINT "Prize_available_stock_check" CHECK ("availableStock" >= 0);
ALTER TABLE "Prize" ADD CONSTRAINT "Prize_value_check" CHECK ("valueMinor" >= 0);
ALTER TABLE "ActivityStock" ADD CONSTRAINT "ActivityStock_counters_check"
    CHECK ("reserved" >= 0 AND "issued" >= 0 AND "returned" >= 0 AND "issued" + "returned" <= "reserved");
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_period_check" CHECK ("endsAt" > "startsAt");
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_limits_check"
    CHECK ("freeDrawsPerDay" >= 0
       AND ("maxDrawsPerDay" IS NULL OR "maxDrawsPerDay" >= 0)
       AND ("maxDrawsTotal" IS NULL OR "maxDrawsTotal" >= 0)
       AND ("maxWinsPerUser" IS NULL OR "maxWinsPerUser" >= 0)
       AND ("claimWindowHours" IS NULL OR "claimWindowHours" >= 1)
       AND ("fixedWinners" IS NULL OR "fixedWinners" >= 1));
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_probability_check" CHECK ("probabilityMicros" BETWEEN 0 AND 1000000);
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_stock_check" CHECK ("stock" >= 0 AND "issued" >= 0 AND "issued" <= "stock");
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_auto_tune_check"
    CHECK (("autoTuneMinMicros" IS NULL) = ("autoTuneMaxMicros" IS NULL)
       AND ("autoTuneMinMicros" IS NULL OR (0 <= "autoTuneMinMicros" AND "autoTuneMinMicros" <= "autoTuneMaxMicros" AND "autoTuneMaxMicros" <= 1000000)));
ALTER TABLE "TierPrize" ADD CONSTRAINT "TierPrize_quantity_check" CHECK ("quantity" >= 1 AND ("weight" IS NULL OR "weight" >= 1));
ALTER TABLE "Task" ADD CONSTRAINT "Task_caps_check"
    CHECK ("chances" >= 1 AND ("perDay" IS NULL OR "perDay" >= 1) AND ("total" IS NULL OR "total" >= 1));
ALTER TABLE "ChanceGrant" ADD CONSTRAINT "ChanceGrant_chances_check" CHECK ("chances" <> 0);
ALTER TABLE "Win" ADD CONSTRAINT "Win_quantity_check" CHECK ("quantity" >= 1);
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_counters_check" CHECK ("draws" >= 1 AND "wins" BETWEEN 0 AND "draws");

-- The ledger is append-only: no UPDATE or DELETE ever changes history.
CREATE FUNCTION "stock_movement_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'StockMovement is append-only';
END $$;
CREATE TRIGGER "StockMovement_append_only" BEFORE UPDATE OR DELETE ON "StockMovement"
    FOR EACH ROW EXECUTE FUNCTION "stock_movement_append_only"();
