// The compact matrix the server hands to the browser (see status-codes.ts for the cell alphabet).
// Shapes only: imported by client components.
import type { ControlColumn } from "@/lib/views/control-columns";
import type { CollectionStatus } from "@/lib/statuses";

export type { ControlColumn };

export type { CollectionStatus };

export interface MatrixRow {
  id: string;
  name: string;
  /** Index into MatrixData.ous. */
  ou: number;
  /** One cell code per control, in MatrixData.controls order. */
  s: string;
  /** Status of the latest collection of this account; null when never collected. */
  c: CollectionStatus | null;
  /** The account's own status when not ACTIVE (SUSPENDED, PENDING_CLOSURE). */
  st?: string;
}

export interface MatrixData {
  generatedAt: string;
  controls: ControlColumn[];
  ous: string[];
  rows: MatrixRow[];
}
