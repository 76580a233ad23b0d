// The watch's AWS context, kept for the life of the worker process: its credential broker holds
// each account's assumed-role credentials (an hour), so a round every five minutes does not call
// AssumeRole for every account every round; its rate limiter keeps the per-account-and-region
// quotas across rounds. Rebuilt when the configuration it was made from is older than REBUILD_MS.
import { getEnv } from "@/lib/config/env";
import { RunContext, settingsFromEnv } from "@/lib/collect/run-context";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";

const REBUILD_MS = 6 * 3600_000;

const holder = globalThis as unknown as { trailwardenWatchContext?: { ctx: Promise<RunContext>; at: number } };

export function watchContext(clientOptions: Partial<ClientFactoryOptions> = {}): Promise<RunContext> {
  const held = holder.trailwardenWatchContext;
  if (held && Date.now() - held.at < REBUILD_MS) return held.ctx;
  if (held) void held.ctx.then((c) => c.destroy()).catch(() => undefined);
  const settings = settingsFromEnv(getEnv());
  const ctx = (async () => {
    // One session name for the watch: CloudTrail tells its status checks from collections.
    const c = new RunContext(settings, clientOptions, { sessionName: "trailwarden-watch" });
    await c.init();
    return c;
  })();
  holder.trailwardenWatchContext = { ctx, at: Date.now() };
  ctx.catch(() => {
    if (holder.trailwardenWatchContext?.ctx === ctx) holder.trailwardenWatchContext = undefined;
  });
  return ctx;
}

/** Closes the context's sockets (worker shutdown, tests). */
export async function closeWatchContext(): Promise<void> {
  const held = holder.trailwardenWatchContext;
  holder.trailwardenWatchContext = undefined;
  if (held) (await held.ctx.catch(() => null))?.destroy();
}
