// GET /play/{activityId}/demo-users – demo only (DEMO_USER_PICKER): tokens for the page's user picker
import { AppError } from '@/lib/errors';
import { demoTokens } from '@/lib/h5/get-play-view';
import { publicRoute } from '@/lib/http/handlers';

export const GET = publicRoute(async ({ params }) => {
  const users = await demoTokens(params.activityId!);
  if (!users) throw new AppError('NOT_FOUND', 'no demo users here');
  return Response.json({ users }, { headers: { 'cache-control': 'no-store' } });
});
