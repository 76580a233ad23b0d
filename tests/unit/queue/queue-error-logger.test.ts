import { describe, expect, it } from "vitest";
import { queueErrorLogger } from "@/lib/queue/queue-error-logger";

function pgError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

const SHUTDOWN = "terminating connection due to administrator command";

describe("queueErrorLogger", () => {
  it("says a database shutdown once, calmly, however many connections it ends", () => {
    const lines: string[] = [];
    let t = 0;
    const onError = queueErrorLogger(
      (l) => lines.push(l),
      () => t,
    );
    for (let i = 0; i < 4; i++) {
      onError(pgError(SHUTDOWN, "57P01"));
      t += 500;
    }
    expect(lines).toEqual([`job queue: the database is shutting down, its connections are closed (${SHUTDOWN})`]);
  });

  it("prints every other error, during a shutdown too", () => {
    const lines: string[] = [];
    const onError = queueErrorLogger(
      (l) => lines.push(l),
      () => 0,
    );
    onError(pgError("relation pgboss.job does not exist", "42P01"));
    onError(pgError(SHUTDOWN, "57P01"));
    onError(pgError("Connection terminated unexpectedly"));
    onError(pgError("relation pgboss.job does not exist", "42P01"));
    expect(lines).toEqual([
      "job queue error: relation pgboss.job does not exist",
      `job queue: the database is shutting down, its connections are closed (${SHUTDOWN})`,
      "job queue error: Connection terminated unexpectedly",
      "job queue error: relation pgboss.job does not exist",
    ]);
  });

  it("says a later shutdown again (a database restarted under a running worker)", () => {
    const lines: string[] = [];
    let t = 0;
    const onError = queueErrorLogger(
      (l) => lines.push(l),
      () => t,
    );
    onError(pgError(SHUTDOWN, "57P01"));
    t += 10 * 60_000;
    onError(pgError(SHUTDOWN, "57P01"));
    expect(lines).toHaveLength(2);
  });
});
