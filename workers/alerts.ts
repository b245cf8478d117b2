// alerts – live warnings of live activities: tiers far ahead of their pacing line, low stock
import { checkAllLiveAlerts, checkLiveAlerts, checkMarkedLiveAlerts } from '@/lib/alerts/check-live-alerts';
import { defineProcessor } from './processor';

export default defineProcessor('alerts', { concurrency: 1 }, ({ activityId, marked }) =>
  activityId ? checkLiveAlerts(activityId) : marked ? checkMarkedLiveAlerts() : checkAllLiveAlerts(),
);
