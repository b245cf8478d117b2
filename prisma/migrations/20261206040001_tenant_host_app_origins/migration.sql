-- The host app origins that may frame the H5 play page and post it a user token.
ALTER TABLE "Tenant" ADD COLUMN "hostAppOrigins" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
