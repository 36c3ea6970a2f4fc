/**
 * Runs tasks with the same key one at a time. The pipeline holds an article's key from
 * "read its replies" to "stored", so a double click cannot slip two copies past the duplicate rule
 * within one process (across function instances, the moderator is the last line).
 */
export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    // Forget the key once nobody is queued behind this task, so the map does not grow.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
