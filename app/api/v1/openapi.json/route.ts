// GET /api/v1/openapi.json – the API contract as OpenAPI 3.1
import { openApiDocument } from '@/lib/openapi/openapi-document';
import { otherMethods } from '@/lib/http/other-methods';

export function GET() {
  return Response.json(openApiDocument());
}

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
