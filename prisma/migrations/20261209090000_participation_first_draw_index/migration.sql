-- The statistics passes count an activity's new users by the minute of their first draw.
CREATE INDEX "Participation_activityId_firstDrawAt_idx" ON "Participation"("activityId", "firstDrawAt");
