/** GetMetricData accepts at most 500 MetricDataQuery items a call (GetMetricData API reference). */
export const MAX_QUERIES_PER_GET_METRIC_DATA = 500;

/** Splits items into consecutive chunks of at most `size`, without touching the input. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
