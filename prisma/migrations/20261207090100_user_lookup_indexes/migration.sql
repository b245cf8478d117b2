-- Support's lookup of one user finds the activities they took part in through these.
CREATE INDEX "Participation_tenantId_userId_idx" ON "Participation"("tenantId", "userId");
CREATE INDEX "ChanceGrant_tenantId_userId_idx" ON "ChanceGrant"("tenantId", "userId");
