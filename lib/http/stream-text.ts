/**
 * A streamed text response. The first chunk is awaited before answering, so an error that
 * happens up front (not found, bad cursor) still becomes a proper error response.
 */
export async function streamText(chunks: AsyncGenerator<string>, headers: Record<string, string>): Promise<Response> {
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { headers });
}
