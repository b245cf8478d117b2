// odds-drift – chi-square test of live activities' outcomes against their odds; alert, and pause if asked
import { checkAllOddsDrift, checkMarkedOddsDrift, checkOddsDrift } from '@/lib/odds/check-odds-drift';
import { defineProcessor } from './processor';

export default defineProcessor('odds-drift', { concurrency: 1 }, ({ activityId, marked }) =>
  activityId ? checkOddsDrift(activityId) : marked ? checkMarkedOddsDrift() : checkAllOddsDrift(),
);
