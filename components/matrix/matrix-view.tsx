"use client";
// The interactive matrix: URL-driven filters and sort, row selection with the bulk bar, the
// virtualized grid and the verdict panel of the cell named in ?cell=.
import { useCallback, useMemo, useRef, useState } from "react";
import type { MatrixData, MatrixRow } from "@/lib/views/matrix-types";
import { BulkBar } from "@/components/matrix/bulk-bar";
import { ouOptions, sliceMatrix } from "@/components/matrix/filter-matrix";
import { MatrixGrid } from "@/components/matrix/matrix-grid";
import { MatrixLegend } from "@/components/matrix/matrix-legend";
import { defaultDir, type MatrixSort } from "@/components/matrix/matrix-params";
import { MatrixToolbar } from "@/components/matrix/matrix-toolbar";
import { useMatrixParams } from "@/components/matrix/use-matrix-params";
import { VerdictDialog } from "@/components/matrix/verdict-dialog";

export function MatrixView({ data, canRemediate }: { data: MatrixData; canRemediate: boolean }) {
  const [params, update] = useMatrixParams();
  // Opening a cell changes the URL but not the rows: slice (and reset the scroll) on filters only.
  const filterKey = JSON.stringify({ ...params, cell: null });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for params minus the open cell
  const slice = useMemo(() => sliceMatrix(data, params), [data, filterKey]);
  const ous = useMemo(() => ouOptions(data.ous), [data.ous]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const openedFrom = useRef<HTMLElement | null>(null);
  const pushedCell = useRef(false);

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const allShownSelected = slice.rows.length > 0 && slice.rows.every((r) => selected.has(r.id));
  const selectShown = () => setSelected((prev) => new Set([...prev, ...slice.rows.map((r) => r.id)]));
  const toggleAll = () => {
    if (allShownSelected) {
      const shown = new Set(slice.rows.map((r) => r.id));
      setSelected((prev) => new Set([...prev].filter((id) => !shown.has(id))));
    } else selectShown();
  };

  const onSort = (sort: MatrixSort) =>
    update({ sort, dir: params.sort === sort ? (params.dir === "asc" ? "desc" : "asc") : defaultDir(sort) });

  const openCell = useCallback(
    (row: MatrixRow, controlId: string) => {
      openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      pushedCell.current = true;
      update({ cell: { accountId: row.id, controlId } }, { push: true });
    },
    [update],
  );
  const closeCell = () => {
    // Opening pushed a history entry: going back closes the panel and keeps Back meaningful.
    if (pushedCell.current) {
      pushedCell.current = false;
      window.history.back();
    } else update({ cell: null });
    const from = openedFrom.current;
    if (from) requestAnimationFrame(() => from.focus());
  };
  const cellAccount = params.cell ? data.rows.find((r) => r.id === params.cell!.accountId) : undefined;

  return (
    <div>
      <MatrixToolbar
        params={params}
        update={update}
        controls={data.controls}
        ouOptions={ous}
        shown={slice.rows.length}
        total={data.rows.length}
      />
      <BulkBar
        selectedIds={[...selected]}
        shownCount={slice.rows.length}
        allShownSelected={allShownSelected}
        onSelectShown={selectShown}
        onClear={() => setSelected(new Set())}
        canRemediate={canRemediate}
      />
      {slice.rows.length === 0 ? (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
          data-testid="matrix-no-match"
        >
          <p className="font-medium text-slate-900">No account matches these filters.</p>
          <p className="mt-1 text-sm text-slate-600">
            Loosen a filter or clear them all to see the {data.rows.length.toLocaleString("en-US")} accounts.
          </p>
        </div>
      ) : (
        <MatrixGrid
          data={data}
          slice={slice}
          params={params}
          filterKey={filterKey}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onSort={onSort}
          onOpenCell={openCell}
        />
      )}
      <div className="mt-3">
        <MatrixLegend />
      </div>
      {params.cell ? (
        <VerdictDialog
          key={`${params.cell.accountId}:${params.cell.controlId}`}
          cell={params.cell}
          accountName={cellAccount?.name}
          onClose={closeCell}
        />
      ) : null}
    </div>
  );
}
