// draw-log – drain an activity's draw stream into PostgreSQL and write stock counters back; retire settled activities
import { runDrawLogJob } from '@/lib/draw/drain-draw-log';
import { createRedis } from '@/lib/redis';
import { defineProcessor } from './processor';

const redis = createRedis('worker');

export default defineProcessor('draw-log', { concurrency: 4 }, ({ activityId }) => runDrawLogJob(redis, activityId));
