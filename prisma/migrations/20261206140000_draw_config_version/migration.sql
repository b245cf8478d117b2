-- The configuration version that decided each draw (lib/activities/config-versions.ts); null for
-- draws made before versions were recorded.
ALTER TABLE "Draw" ADD COLUMN "configVersion" INTEGER;
