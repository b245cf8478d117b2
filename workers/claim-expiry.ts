// claim-expiry – void physical wins whose claim window has passed; their stock goes back to the total pools, once
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { defineProcessor } from './processor';

export default defineProcessor('claim-expiry', { concurrency: 1 }, () => expireClaims());
