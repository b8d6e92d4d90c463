/**
 * Maps `items` with at most `limit` calls of `fn` in flight. A thousand DLQs read at once would queue
 * behind the SDK's 50 sockets and fail its connection timeout; a bounded pool keeps every call short.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
