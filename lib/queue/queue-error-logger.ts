// What the process prints for pg-boss's "error" events. When PostgreSQL shuts down it ends every
// connection with 57P01 ("terminating connection due to administrator command"), and pg-boss
// reports each one. A Ctrl-C in a terminal reaches the embedded server together with Trailwarden,
// so an orderly stop would print that once per pooled connection: one calm line says it instead.
// Any other error, and a shutdown seen again later (a database restarted under a running worker),
// is still printed.

const ADMIN_SHUTDOWN = "57P01";
/** Repeats of the shutdown notice within this window belong to the same shutdown. */
const SAME_SHUTDOWN_MS = 60_000;

export function queueErrorLogger(log: (line: string) => void, now: () => number = Date.now): (err: Error) => void {
  let shutdownSeenAt: number | null = null;
  return (err) => {
    if ((err as Error & { code?: unknown }).code !== ADMIN_SHUTDOWN) {
      log(`job queue error: ${err.message}`);
      return;
    }
    const at = now();
    if (shutdownSeenAt === null || at - shutdownSeenAt > SAME_SHUTDOWN_MS)
      log(`job queue: the database is shutting down, its connections are closed (${err.message})`);
    shutdownSeenAt = at;
  };
}
