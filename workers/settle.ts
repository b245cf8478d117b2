// settle – settle an ended activity once (drain, fixed winners, stock back, schedules retired); the sweep re-queues
import { requeueUnsettled } from '@/lib/activities/schedule-settle';
import { settleActivity } from '@/lib/activities/settle-activity';
import { holdPoint } from '@/lib/workers/hold-point';
import { defineProcessor } from './processor';

export default defineProcessor('settle', { concurrency: 2 }, (payload) =>
  'sweep' in payload
    ? requeueUnsettled()
    : settleActivity(payload.activityId, { afterStep: (step) => holdPoint(`settle:${step}`, payload.activityId) }),
);
