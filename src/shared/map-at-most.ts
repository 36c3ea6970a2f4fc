/**
 * `task` over every item, at most `limit` at once, answers in the items' order: for many reads
 * that must not all be in flight together (GitHub requests, git processes, photographs read
 * whole to hash them).
 */
export async function mapAtMost<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await task(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
