// GET /api/v1/openapi.json. Request bodies come from the same zod schemas the routes
// enforce, so the document cannot drift from the validation. Paths are added as routes land.
import { z } from 'zod';
import { CreatePrize } from '../prizes/schemas';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', example: 'VALIDATION_FAILED' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
};

const stock = {
  type: 'object',
  properties: { total: { type: 'integer' }, available: { type: 'integer' }, reserved: { type: 'integer' } },
};
const prize = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, kind: { type: 'string', enum: ['physical', 'virtual', 'coupon', 'points'] },
    value: { type: 'number' }, description: { type: 'string', nullable: true }, imageUrl: { type: 'string', nullable: true }, stock, createdAt: { type: 'string', format: 'date-time' },
  },
};
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
const json = (schema: unknown, description = 'ok') => ({ description, content: { 'application/json': { schema } } });

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Lottery platform API', version: '1.0.0', description: 'See API.md. Errors always have the Error shape; unknown fields are rejected.' },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'management API key (npm run -s apikey)' },
        userToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 user token signed with the tenant secret' },
      },
      schemas: { Error: errorSchema, Prize: prize, CreatePrize: z.toJSONSchema(CreatePrize, { target: 'openapi-3.0' }) },
    },
    paths: {
      '/api/health': {
        get: { summary: 'PostgreSQL, Redis and workers answer', responses: { '200': json({ type: 'object' }), '503': json({ type: 'object' }, 'a part is down, named in checks') } },
      },
      '/api/manage/prizes': {
        post: {
          summary: 'Create a prize; its total pool starts at stock',
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatePrize' } } } },
          responses: { '201': json({ $ref: '#/components/schemas/Prize' }), ...errors(400, 401, 413, 415) },
        },
        get: {
          summary: "List the tenant's prizes (newest first, cursor paged)",
          security: [{ apiKey: [] }],
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Prize' } }, nextCursor: { type: 'string', nullable: true } } }), ...errors(400, 401) },
        },
      },
      '/api/manage/prizes/{prizeId}': {
        get: {
          summary: 'One prize with total / available / reserved stock',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'prizeId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ $ref: '#/components/schemas/Prize' }), ...errors(401, 404) },
        },
      },
      '/api/v1/me/wins': {
        get: { summary: "The user's wins in the token's tenant", security: [{ userToken: [] }], responses: { '200': json({ type: 'object' }), ...errors(401) } },
      },
    },
  };
}
