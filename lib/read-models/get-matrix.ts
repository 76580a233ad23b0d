// The /matrix page's data: every account as one short row (see matrix-types.ts). Reasons,
// evidence and Security Hub details are not here; the browser fetches them for the rows on screen
// (get-matrix-reasons.ts) and for the cell opened (get-verdict.ts).
import { controlColumns } from "@/lib/views/control-columns";
import { getLatestStatuses } from "@/lib/read-models/get-latest-statuses";
import type { MatrixData, MatrixRow } from "@/lib/views/matrix-types";

export async function getMatrix(): Promise<MatrixData> {
  const accounts = await getLatestStatuses();
  const ous: string[] = [];
  const ouIndex = new Map<string, number>();
  const rows: MatrixRow[] = accounts.map((a) => {
    let ou = ouIndex.get(a.ouPath);
    if (ou === undefined) {
      ou = ous.push(a.ouPath) - 1;
      ouIndex.set(a.ouPath, ou);
    }
    const row: MatrixRow = { id: a.id, name: a.name, ou, s: a.cells, c: a.collection };
    if (a.accountStatus !== "ACTIVE") row.st = a.accountStatus;
    return row;
  });
  return { generatedAt: new Date().toISOString(), controls: controlColumns(), ous, rows };
}
