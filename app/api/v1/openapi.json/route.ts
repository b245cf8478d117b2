// GET /api/v1/openapi.json – the API contract as OpenAPI 3.1
import { openApiDocument } from '@/lib/openapi/openapi-document';

export function GET() {
  return Response.json(openApiDocument());
}
