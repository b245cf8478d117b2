-- An ended activity whose settling has finished (lib/activities/settle-activity.ts).
ALTER TYPE "ActivityStatus" ADD VALUE 'SETTLED';

ALTER TABLE "Activity" ADD COLUMN "settledAt" TIMESTAMP(3);
