-- A change may take a tier or a task out of a published activity: the row stays (its wins and
-- grants point at it), marked with when it was taken out.
ALTER TABLE "Tier" ADD COLUMN "removedAt" TIMESTAMP(3);
ALTER TABLE "Task" ADD COLUMN "removedAt" TIMESTAMP(3);
