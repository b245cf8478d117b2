// GET /api/docs – the API reference for people: the OpenAPI document as one HTML page
import { openApiDocument } from '@/lib/openapi/openapi-document';
import { renderApiDocs } from '@/lib/openapi/render-docs';
import { otherMethods } from '@/lib/http/other-methods';

const html = renderApiDocs(openApiDocument());

export function GET() {
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The page has no script and loads nothing: its styles are inline.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
