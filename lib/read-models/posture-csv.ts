import { csvDocument } from "@/lib/csv/csv-writer";
import type { Posture } from "@/lib/read-models/get-posture";

const POSTURE_CSV_COLUMNS = [
  "accountId",
  "name",
  "ouPath",
  "collectedAt",
  "collectionStatus",
  "controlId",
  "status",
  "reason",
  "evidence",
  "securityHubStatus",
  "securityHubUpdatedAt",
  "reconciliation",
];

/** One row per account and control: the flat form spreadsheets and SIEMs take. */
export function postureToCsv(posture: Posture): string {
  const rows = posture.accounts.flatMap((a) =>
    a.controls.map((c) => [
      a.accountId,
      a.name,
      a.ouPath,
      a.collectedAt ?? "",
      a.collection?.status ?? "never",
      c.controlId,
      c.status,
      c.reason,
      c.evidence.join(" "),
      c.securityHub?.status ?? "",
      c.securityHub?.updatedAt ?? "",
      c.reconciliation ?? "",
    ]),
  );
  return csvDocument(POSTURE_CSV_COLUMNS, rows);
}
