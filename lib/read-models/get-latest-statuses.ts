// The current verdict status of every control of every account, as cell codes. One round trip:
// each account with its newest snapshot, its newest evaluated snapshot and that snapshot's
// verdicts folded into one string (1,000 rows instead of 23,000: the fold is half the cost of
// returning and de-duplicating every verdict row). No reasons or evidence: the matrix fetches
// those per row window (get-matrix-reasons.ts) and per cell (get-verdict.ts).
// Shared by the matrix, the overview and the account list; deduplicated per request by cache().
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { controlColumns, controlIndex } from "@/lib/views/control-columns";
import { LATEST_SNAPSHOT_JOINS, verdictsAreStale } from "@/lib/read-models/latest-snapshots";
import type { CollectionStatus } from "@/lib/views/matrix-types";
import { decodeCell, encodeCell, NO_RESULT_CODE } from "@/lib/views/status-codes";

export interface AccountStatuses {
  id: string;
  name: string;
  ouPath: string;
  accountStatus: string;
  isManagement: boolean;
  /** Status of the newest collection; null when never collected. */
  collection: CollectionStatus | null;
  collectionError: string | null;
  collectedAt: Date | null;
  /** When the verdicts shown were collected (older than collectedAt when the newest failed). */
  evaluatedAt: Date | null;
  /** One cell code per control (controlColumns() order). */
  cells: string;
}

interface Row {
  id: string;
  name: string;
  ou_path: string;
  status: string;
  is_management: boolean;
  latest_id: string | null;
  latest_status: CollectionStatus | null;
  latest_error: string | null;
  latest_at: Date | null;
  evaluated_id: string | null;
  evaluated_at: Date | null;
  /** "controlId=STATUS[/STALE_STATUS]" joined by ",", oldest evaluation first. */
  verdicts: string | null;
}

function foldCells(verdicts: string | null, index: Map<string, number>, width: number): string[] {
  const cells = new Array<string>(width).fill(NO_RESULT_CODE);
  if (!verdicts) return cells;
  // Oldest evaluation first, so a newer evaluator's verdict for the same control overwrites.
  for (const item of verdicts.split(",")) {
    const eq = item.indexOf("=");
    const col = index.get(item.slice(0, eq));
    if (col === undefined) continue;
    const [status, stale] = item.slice(eq + 1).split("/");
    cells[col] = encodeCell(status, stale);
  }
  return cells;
}

async function load(): Promise<AccountStatuses[]> {
  // JIT compilation costs ~40 ms here and buys nothing: the plan is index look-ups per account,
  // but its cost estimate crosses jit_above_cost once there are a few hundred accounts.
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL jit = off`,
    db.$queryRaw<Row[]>`
    SELECT a.id, a.name, a.ou_path, a.status, a.is_management,
           ls.id AS latest_id, ls.status AS latest_status, ls.error AS latest_error, ls.collected_at AS latest_at,
           es.id AS evaluated_id, es.collected_at AS evaluated_at,
           (SELECT string_agg(cr.control_id || '=' || cr.status || coalesce('/' || cr.stale_status, ''), ',' ORDER BY cr.evaluated_at)
              FROM control_results cr WHERE cr.snapshot_id = es.id) AS verdicts
    FROM aws_accounts a
    ${LATEST_SNAPSHOT_JOINS}
    WHERE a.removed_at IS NULL`,
  ]);
  const index = controlIndex();
  const width = controlColumns().length;
  return rows.map((r) => {
    let cells = foldCells(r.verdicts, index, width);
    const snap = { latestId: r.latest_id, latestStatus: r.latest_status, evaluatedId: r.evaluated_id };
    if (verdictsAreStale(snap)) {
      // The newest collection failed and was never evaluated: keep the old verdicts, as stale.
      cells = cells.map((code) =>
        code === NO_RESULT_CODE || code !== code.toUpperCase() ? code : encodeCell("ERROR", decodeCell(code).status),
      );
    }
    return {
      id: r.id,
      name: r.name,
      ouPath: r.ou_path,
      accountStatus: r.status,
      isManagement: r.is_management,
      collection: r.latest_status,
      collectionError: r.latest_error,
      collectedAt: r.latest_at,
      evaluatedAt: r.evaluated_at,
      cells: cells.join(""),
    };
  });
}

/** Every account still in the organization with its current cell codes (cached per request). */
export const getLatestStatuses = cache(load);
