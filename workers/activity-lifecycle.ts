// activity-lifecycle – scheduled start and end of activities, and the sweep for missed ones
import { runTransition, sweepLifecycle } from '@/lib/activities/lifecycle';
import { defineProcessor } from './processor';

export default defineProcessor('activity-lifecycle', { concurrency: 4 }, (payload) =>
  'sweep' in payload ? sweepLifecycle() : runTransition(payload.activityId, payload.transition),
);
