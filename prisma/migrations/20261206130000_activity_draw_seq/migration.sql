-- The highest draw sequence number committed per activity (lib/draw/commit-draws.ts): a Redis whose
-- counter is behind it came back older than the records and is fenced (docs/draw.md).
CREATE TABLE "ActivityDrawSeq" (
    "activityId" UUID NOT NULL,
    "committed" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityDrawSeq_pkey" PRIMARY KEY ("activityId")
);

ALTER TABLE "ActivityDrawSeq" ADD CONSTRAINT "ActivityDrawSeq_activityId_fkey"
    FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
