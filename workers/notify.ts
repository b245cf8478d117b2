// notify – webhooks to the host app (win, shipped)
import { sendNotification } from '@/lib/fulfilment/send-notification';
import { defineProcessor } from './processor';

export default defineProcessor('notify', { concurrency: 8 }, (payload) => sendNotification(payload));
