// odds-drift – chi-square test of live activities' outcomes against their odds; alert, and pause if asked
import { checkAllOddsDrift, checkOddsDrift } from '@/lib/odds/check-odds-drift';
import { defineProcessor } from './processor';

export default defineProcessor('odds-drift', { concurrency: 1 }, ({ activityId }) => (activityId ? checkOddsDrift(activityId) : checkAllOddsDrift()));
