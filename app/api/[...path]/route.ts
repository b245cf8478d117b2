// Any other /api path – a JSON 404 in the API's error shape instead of an HTML page, whatever the method
import { AppError } from '@/lib/errors';
import { publicRoute } from '@/lib/http/handlers';

const notFound = publicRoute(async ({ req }) => {
  throw new AppError('NOT_FOUND', `no route ${req.method} ${new URL(req.url).pathname}`);
});
export {
  notFound as GET,
  notFound as HEAD,
  notFound as OPTIONS,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
