-- Provably fair draws (docs/fairness.md): one committed seed at a time per activity, and per draw
-- what its proof needs.
CREATE TABLE "ActivitySeed" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "commitment" TEXT NOT NULL,
    "encryptedSeed" TEXT NOT NULL,
    "activeFrom" TIMESTAMP(3) NOT NULL,
    "activeTo" TIMESTAMP(3),
    "revealedAt" TIMESTAMP(3),

    CONSTRAINT "ActivitySeed_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ActivitySeed_activityId_activeFrom_idx" ON "ActivitySeed"("activityId", "activeFrom");

ALTER TABLE "ActivitySeed" ADD CONSTRAINT "ActivitySeed_activityId_fkey" FOREIGN KEY ("activityId")
    REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Draw" ADD COLUMN "fairness" JSONB;
