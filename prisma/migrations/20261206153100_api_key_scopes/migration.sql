-- What a management API key may do (lib/auth/api-key-scopes.ts); keys made before scopes existed keep every scope.
ALTER TABLE "ApiKey" ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT ARRAY['*']::TEXT[];
