// reconcile – compare Redis, the pools, the Win rows and the ledger; alert on drift
import { reconcileActivity, reconcileAll, reconcileMarked } from '@/lib/inventory/reconcile-activity';
import { defineProcessor } from './processor';

export default defineProcessor('reconcile', { concurrency: 1 }, ({ activityId, marked }) =>
  activityId ? reconcileActivity(activityId) : marked ? reconcileMarked() : reconcileAll(),
);
