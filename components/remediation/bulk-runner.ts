// Applies confirmed plans with at most `limit` accounts remediating at once: the next plan is
// applied when a running job finishes (its progress row reports it), not merely when its request
// returns, so the organization never has more than `limit` accounts changing at the same time.
import { applyPlan } from "@/components/remediation/remediation-api";

export interface BulkApplyState {
  jobId?: string;
  error?: string;
  done?: boolean;
}

export class BulkRunner {
  private queue: { accountId: string; planId: string }[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly update: (accountId: string, state: BulkApplyState) => void,
    private readonly setWaiting: (accountIds: string[]) => void,
  ) {}

  start(items: { accountId: string; planId: string }[]): void {
    this.queue = [...items];
    this.pump();
  }

  /** A job reached its end (succeeded, failed or cancelled): its slot goes to the next plan. */
  finished(accountId: string): void {
    if (!this.running.delete(accountId)) return;
    this.pump();
  }

  private pump(): void {
    while (this.running.size < this.limit && this.queue.length > 0) {
      const { accountId, planId } = this.queue.shift()!;
      this.running.add(accountId);
      this.update(accountId, {});
      applyPlan(accountId, planId)
        .then((r) => {
          const done = r.status !== "queued";
          this.update(accountId, { jobId: r.jobId, done });
          if (done) this.finished(accountId);
        })
        .catch((err: Error) => {
          this.update(accountId, { error: err.message, done: true });
          this.finished(accountId);
        });
    }
    this.setWaiting(this.queue.map((q) => q.accountId));
  }
}
