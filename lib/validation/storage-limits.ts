// What PostgreSQL's integer columns hold. A figure that would pass these is refused at the edge
// (400 naming the field), never left for the database to reject with "integer out of range".

/** The largest value of an `integer` (int4) column: stock, counters, versions. */
export const INT4_MAX = 2_147_483_647;
/** The largest value of a `bigint` (int8) column: ledger and audit ids in cursors. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** A decimal string that a bigint column can hold (cursors carry ledger and audit ids). */
export function isInt8Text(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= INT8_MAX;
}
