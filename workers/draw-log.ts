// draw-log – drain an activity's draw stream into PostgreSQL and write stock counters back
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { createRedis } from '@/lib/redis';
import { defineProcessor } from './processor';

const redis = createRedis('worker');

export default defineProcessor('draw-log', { concurrency: 4 }, ({ activityId }) => drainDrawLog(redis, activityId));
