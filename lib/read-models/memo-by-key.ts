// A per-process memo for aggregates over history that are costly to compute and change only when
// new verdicts arrive: the value is reused while a cheap freshness key (e.g. the newest
// collected_at, read from an index) is unchanged and the entry is younger than `maxAgeMs`. The age
// limit bounds staleness from writes the key cannot see (a re-evaluation of old snapshots).
interface Entry<T> {
  key: string;
  at: number;
  value: Promise<T>;
}

export function memoByKey<T>(
  maxAgeMs: number,
  freshnessKey: () => Promise<string>,
  compute: () => Promise<T>,
): () => Promise<T> {
  let entry: Entry<T> | undefined;
  return async () => {
    const key = await freshnessKey();
    const now = Date.now();
    if (entry && entry.key === key && now - entry.at < maxAgeMs) return entry.value;
    const value = compute();
    entry = { key, at: now, value };
    // A failed computation must not be served from the memo.
    value.catch(() => {
      if (entry?.value === value) entry = undefined;
    });
    return value;
  };
}
