// Server actions over HTTP, as the browser calls them: POST to a page of the action with
// `Next-Action: <id>` and the arguments encoded by React's own encodeReply (the client half of
// the Flight protocol that Next bundles), then the action's result read back from the Flight
// rows of the answer.
import { createRequire } from 'node:module';
import path from 'node:path';

const FLIGHT_CLIENT_DIR = 'next/dist/compiled/react-server-dom-webpack/cjs';

type FlightClient = { encodeReply: (value: unknown) => Promise<string | FormData> };

let client: FlightClient | undefined;

function flightClient(): FlightClient {
  if (!client) {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    // The production build, as a browser gets it (the development one also warns on stderr).
    client = require(`${FLIGHT_CLIENT_DIR}/react-server-dom-webpack-client.node.production.js`) as FlightClient;
  }
  return client;
}

/** The request body and its content type for the action's arguments. */
export async function encodeArgs(args: unknown[]): Promise<{ body: Buffer; contentType: string }> {
  const encoded = await flightClient().encodeReply(args);
  if (typeof encoded === 'string')
    return { body: Buffer.from(encoded, 'utf8'), contentType: 'text/plain;charset=UTF-8' };
  const res = new Response(encoded);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

/** Tags of Flight rows whose payload is length-prefixed binary or text rather than a line. */
const SIZED_TAGS = new Set(['T', 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V', 'b']);

export type FlightRow = { tag: string; text: string };

/** Splits a Flight answer into its rows by id (hex). */
export function flightRows(body: Buffer): Map<string, FlightRow> {
  const rows = new Map<string, FlightRow>();
  let i = 0;
  while (i < body.length) {
    const colon = body.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = body.subarray(i, colon).toString('latin1');
    if (!/^[0-9a-f]*$/.test(id)) break;
    const tagChar = String.fromCharCode(body[colon + 1] ?? 0);
    if (SIZED_TAGS.has(tagChar)) {
      const comma = body.indexOf(0x2c, colon + 2);
      const size = parseInt(body.subarray(colon + 2, comma).toString('latin1'), 16);
      rows.set(id, { tag: tagChar, text: body.subarray(comma + 1, comma + 1 + size).toString('utf8') });
      i = comma + 1 + size;
      continue;
    }
    const end = body.indexOf(0x0a, colon);
    const line = body.subarray(colon + 1, end < 0 ? body.length : end).toString('utf8');
    const tag = /^[A-Za-z]/.test(line) && !/^(true|false|null)/.test(line) ? line[0]! : '';
    rows.set(id, { tag, text: tag ? line.slice(1) : line });
    i = end < 0 ? body.length : end + 1;
  }
  return rows;
}

export type ActionOutcome =
  { kind: 'result'; value: unknown } | { kind: 'thrown'; value: unknown } | { kind: 'unreadable'; why: string };

/** The value the action returned (row 0's `a`, resolved), or what it threw. */
export function actionOutcome(body: Buffer): ActionOutcome {
  const rows = flightRows(body);
  const root = rows.get('0');
  if (!root) return { kind: 'unreadable', why: 'no row 0' };
  let top: { a?: unknown };
  try {
    top = JSON.parse(root.text) as { a?: unknown };
  } catch {
    return { kind: 'unreadable', why: 'row 0 is not JSON' };
  }
  const seen = new Set<string>();
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string' && v.startsWith('$')) {
      if (v.startsWith('$$')) return v.slice(1);
      if (v === '$undefined') return undefined;
      if (v.startsWith('$D')) return new Date(v.slice(2));
      if (v.startsWith('$n')) return BigInt(v.slice(2));
      const ref = /^\$@?([0-9a-f]+)$/.exec(v);
      if (ref) {
        const row = rows.get(ref[1]!);
        if (!row || seen.has(ref[1]!)) return v;
        seen.add(ref[1]!);
        if (row.tag === 'E') throw new ThrownRow(row.text);
        if (row.tag === 'T') return row.text;
        return resolve(JSON.parse(row.text));
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  try {
    return { kind: 'result', value: resolve(top.a) };
  } catch (err) {
    if (err instanceof ThrownRow) return { kind: 'thrown', value: err.row };
    return { kind: 'unreadable', why: String(err) };
  }
}

class ThrownRow extends Error {
  constructor(readonly row: string) {
    super('the action threw');
  }
}
