-- Activities that ended and returned their stock before settling was one job have settled:
-- their fixed winners were drawn before the return, and the return was the last step. Without
-- this the settle sweep would find every one of them ENDED and settle it again. (A separate
-- migration: a new enum value can be used only once the transaction that added it committed.)
UPDATE "Activity" SET status = 'SETTLED', "settledAt" = "stockReturnedAt"
WHERE status = 'ENDED' AND "stockReturnedAt" IS NOT NULL;
