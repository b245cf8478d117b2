// auto-tune – move auto-tuned tiers' odds towards an even release, within the operator's bounds, audited
import { autoTuneActivity, autoTuneAll } from '@/lib/odds/auto-tune-tiers';
import { defineProcessor } from './processor';

export default defineProcessor('auto-tune', { concurrency: 1 }, ({ activityId }) => (activityId ? autoTuneActivity(activityId) : autoTuneAll()));
