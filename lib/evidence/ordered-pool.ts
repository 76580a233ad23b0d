// Runs an async function over a stream of items with bounded concurrency and yields the results in
// the items' order: digests must be judged in chain order, but fetching them one at a time would
// leave the reader waiting on S3's latency.
export async function* orderedPool<T, R>(
  pages: AsyncIterable<T[]>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  for await (const page of pages) {
    for (const item of page) {
      window.push(fn(item));
      // Attach a no-op handler so a rejection waiting in the window is not "unhandled" meanwhile.
      window[window.length - 1]!.catch(() => undefined);
      if (window.length >= concurrency) yield await window.shift()!;
    }
  }
  while (window.length) yield await window.shift()!;
}
