-- Loads of the play page, counted for the dashboard's funnel.
ALTER TABLE "Activity" ADD COLUMN "pageViews" INTEGER NOT NULL DEFAULT 0;
