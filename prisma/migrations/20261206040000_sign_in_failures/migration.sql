-- Failed console sign-ins, for the audit trail (lib/auth/guard-credentials-sign-in.ts).
CREATE TABLE "SignInFailure" (
    "id" BIGSERIAL NOT NULL,
    "operatorId" UUID,
    "email" TEXT,
    "ip" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SignInFailure_operatorId_createdAt_idx" ON "SignInFailure"("operatorId", "createdAt");

CREATE INDEX "SignInFailure_createdAt_idx" ON "SignInFailure"("createdAt");

ALTER TABLE "SignInFailure" ADD CONSTRAINT "SignInFailure_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE SET NULL ON UPDATE CASCADE;
