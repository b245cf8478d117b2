-- No query reads Draw by (tenantId, userId): a user's draws are read per activity, through
-- Draw_activityId_userId_idempotencyKey_key. Every draw paid for this index's upkeep in the
-- group commit (its inserts land on random pages).
DROP INDEX "Draw_tenantId_userId_idx";
