-- The zone the console shows a tenant's times in.
ALTER TABLE "Tenant" ADD COLUMN "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';
