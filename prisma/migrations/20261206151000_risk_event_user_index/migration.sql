-- Support looks up one user's risk events in a tenant, newest first.
CREATE INDEX "RiskEvent_tenantId_userId_createdAt_idx" ON "RiskEvent"("tenantId", "userId", "createdAt");
