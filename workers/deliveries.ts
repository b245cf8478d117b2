// deliveries – outbound webhooks: one attempt of one delivery, or the sweep that queues due ones from PostgreSQL
import { sendDelivery } from '@/lib/webhooks/send-delivery';
import { sweepDeliveries } from '@/lib/webhooks/sweep-deliveries';
import { defineProcessor } from './processor';

export default defineProcessor('deliveries', { concurrency: 16 }, (payload) =>
  'sweep' in payload ? sweepDeliveries() : sendDelivery(payload.deliveryId),
);
