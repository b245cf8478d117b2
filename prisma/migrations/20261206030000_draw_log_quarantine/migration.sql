-- Draw-log entries PostgreSQL refused (or that were no draw record), set aside so that the
-- drain goes on without them and they are never lost (lib/draw/quarantine-refused-draw.ts).

-- CreateTable
CREATE TABLE "DrawLogQuarantine" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "streamEntry" TEXT NOT NULL,
    "drawId" UUID,
    "raw" BYTEA NOT NULL,
    "sqlState" TEXT,
    "error" TEXT NOT NULL,
    "takenBackAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrawLogQuarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DrawLogQuarantine_activityId_streamEntry_key" ON "DrawLogQuarantine"("activityId", "streamEntry");

-- CreateIndex
CREATE INDEX "DrawLogQuarantine_tenantId_createdAt_idx" ON "DrawLogQuarantine"("tenantId", "createdAt");

-- AddForeignKey
ALTER TABLE "DrawLogQuarantine" ADD CONSTRAINT "DrawLogQuarantine_tenantId_fkey"
    FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawLogQuarantine" ADD CONSTRAINT "DrawLogQuarantine_activityId_fkey"
    FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
