/**
 * "Too fast" memory: when each email or IP hash last sent a reply. In memory only, per
 * function instance, so it is a speed bump for one person, not a guarantee across instances.
 */
export const FLOOD_WINDOW_MS = 15_000;

export interface FloodMemory {
  /** Claims the keys for now, or returns false if any was used within the window. */
  reserve(keys: readonly string[], now: number): boolean;
  /** Gives a claim back (the reply was not saved), so the reader may send it again at once. */
  release(keys: readonly string[], claimedAt: number): void;
}

export function createFloodMemory(windowMs = FLOOD_WINDOW_MS): FloodMemory {
  const lastSeen = new Map<string, number>();

  const forgetOld = (now: number) => {
    // Oldest first: entries are re-inserted on every claim, so the map is in time order.
    for (const [key, at] of lastSeen) {
      if (now - at < windowMs) break;
      lastSeen.delete(key);
    }
  };

  return {
    reserve(keys, now) {
      forgetOld(now);
      const recent = (key: string) => now - (lastSeen.get(key) ?? Number.NEGATIVE_INFINITY) < windowMs;
      if (keys.some(recent)) return false;
      for (const key of keys) {
        lastSeen.delete(key); // re-insert at the end, keeping the map in time order
        lastSeen.set(key, now);
      }
      return true;
    },
    release(keys, claimedAt) {
      for (const key of keys) if (lastSeen.get(key) === claimedAt) lastSeen.delete(key);
    },
  };
}
