// stock-return – an ended activity's unused stock, and expired claims' stock, back to the total pools, once
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { returnUnusedStock } from '@/lib/inventory/return-unused-stock';
import { defineProcessor } from './processor';

export default defineProcessor('stock-return', { concurrency: 2 }, (payload) => ('expiredClaims' in payload ? expireClaims() : returnUnusedStock(payload.activityId)));
