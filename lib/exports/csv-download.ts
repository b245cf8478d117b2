import { streamText } from '../http/stream-text';

/** A streamed CSV attachment, private to the signed-in operator. */
export function csvDownload(rows: AsyncGenerator<string>, fileName: string): Promise<Response> {
  return streamText(rows, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'private, no-store',
  });
}
