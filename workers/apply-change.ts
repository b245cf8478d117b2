// apply-change – a scheduled configuration change applied at its time, and the sweep for lost jobs
import { runScheduledChange, sweepScheduledChanges } from '@/lib/activities/run-scheduled-change';
import { defineProcessor } from './processor';

export default defineProcessor('apply-change', { concurrency: 2 }, (payload) =>
  'sweep' in payload ? sweepScheduledChanges() : runScheduledChange(payload.tenantId, payload.changeId),
);
