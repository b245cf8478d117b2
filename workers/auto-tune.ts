// auto-tune – move auto-tuned tiers' odds towards an even release, within the operator's bounds, audited
import { autoTuneActivity, autoTuneAll, autoTuneMarked } from '@/lib/odds/auto-tune-tiers';
import { defineProcessor } from './processor';

export default defineProcessor('auto-tune', { concurrency: 1 }, ({ activityId, marked }) =>
  activityId ? autoTuneActivity(activityId) : marked ? autoTuneMarked() : autoTuneAll(),
);
