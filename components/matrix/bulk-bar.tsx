"use client";
// Appears while accounts are selected: how many, select every account the filters show, clear, and
// the bulk actions slot (bulk-actions.tsx).
import { BulkActions } from "@/components/matrix/bulk-actions";

interface Props {
  selectedIds: string[];
  shownCount: number;
  allShownSelected: boolean;
  onSelectShown: () => void;
  onClear: () => void;
  canRemediate: boolean;
}

export function BulkBar({ selectedIds, shownCount, allShownSelected, onSelectShown, onClear, canRemediate }: Props) {
  if (selectedIds.length === 0) return null;
  return (
    // Floats over the bottom of the page so that selecting never shifts the grid under the pointer.
    <div
      role="region"
      aria-label="Bulk actions"
      className={
        "fixed bottom-5 left-1/2 z-40 flex w-[min(56rem,calc(100vw-2rem))] -translate-x-1/2 flex-wrap items-center " +
        "gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2.5 text-sm shadow-xl"
      }
      data-testid="bulk-bar"
    >
      <span className="font-medium text-sky-950">
        {selectedIds.length.toLocaleString("en-US")} account{selectedIds.length === 1 ? "" : "s"} selected
      </span>
      {!allShownSelected ? (
        <button
          type="button"
          onClick={onSelectShown}
          className="rounded px-1.5 py-0.5 font-medium text-sky-800 underline-offset-2 hover:underline"
        >
          Select all {shownCount.toLocaleString("en-US")} shown
        </button>
      ) : null}
      <button
        type="button"
        onClick={onClear}
        className="rounded px-1.5 py-0.5 font-medium text-sky-800 underline-offset-2 hover:underline"
      >
        Clear selection
      </button>
      <div className="ml-auto">
        <BulkActions selectedIds={selectedIds} canRemediate={canRemediate} />
      </div>
    </div>
  );
}
