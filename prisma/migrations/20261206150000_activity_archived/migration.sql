-- An ended activity archived by an operator: hidden from the console list unless asked for.
ALTER TABLE "Activity" ADD COLUMN "archivedAt" TIMESTAMP(3);
