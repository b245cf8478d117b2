-- Password reset links, the mail outbox, TOTP two-factor sign-in, the tenant's owner two-factor
-- requirement, and the role (or API key scopes) an audit row's actor acted with.
ALTER TABLE "Operator" ADD COLUMN "sessionEpoch" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "totpSecret" TEXT,
ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN "totpLastStep" INTEGER,
ADD COLUMN "totpRecoveryHashes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

ALTER TABLE "Tenant" ADD COLUMN "requireOwnerTwoFactor" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "AuditLog" ADD COLUMN "actorRole" "Role",
ADD COLUMN "actorScopes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

CREATE TABLE "PasswordReset" (
    "id" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedById" UUID,
    "tenantId" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

CREATE INDEX "PasswordReset_operatorId_createdAt_idx" ON "PasswordReset"("operatorId", "createdAt");

ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MailOutbox" (
    "id" BIGSERIAL NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MailOutbox_to_createdAt_idx" ON "MailOutbox"("to", "createdAt");
