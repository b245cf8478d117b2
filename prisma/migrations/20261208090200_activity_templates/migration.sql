-- A tenant's own activity templates, saved from a draft in the console's editor.
CREATE TABLE "ActivityTemplate" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "days" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityTemplate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ActivityTemplate_tenantId_name_key" ON "ActivityTemplate"("tenantId", "name");

ALTER TABLE "ActivityTemplate" ADD CONSTRAINT "ActivityTemplate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
