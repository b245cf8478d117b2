-- Per-language texts of an activity (name, title, rules, tier and task names, by position) and
-- of a prize (name); the pages and the end-user API fall back to the untranslated columns.
ALTER TABLE "Activity" ADD COLUMN "translations" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "Prize" ADD COLUMN "translations" JSONB NOT NULL DEFAULT '{}';
-- A claim's structured address (the one-line form stays in "claimAddress" for labels and CSV).
ALTER TABLE "Win" ADD COLUMN "claimAddressParts" JSONB;
