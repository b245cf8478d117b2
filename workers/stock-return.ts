// stock-return – an ended activity's unused stock back to the total pools, exactly once
import { returnUnusedStock } from '@/lib/inventory/return-unused-stock';
import { defineProcessor } from './processor';

export default defineProcessor('stock-return', { concurrency: 2 }, ({ activityId }) => returnUnusedStock(activityId));
