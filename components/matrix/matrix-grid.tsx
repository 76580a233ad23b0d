"use client";
// The virtualized matrix: only the rows in view (plus overscan) are in the DOM, so 5,000 accounts
// scroll smoothly. ARIA grid with a roving tabindex: one element is tabbable, arrow keys move,
// Enter or Space opens a cell's verdict. Mouse and keyboard events are delegated to the grid.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { MatrixData, MatrixRow } from "@/lib/views/matrix-types";
import { CellTooltip, type CellTooltipHandle } from "@/components/matrix/cell-tooltip";
import type { MatrixSlice } from "@/components/matrix/filter-matrix";
import { MatrixHeader } from "@/components/matrix/matrix-header";
import { FIRST_CELL_COL, HEADER_HEIGHT, ROW_HEIGHT } from "@/components/matrix/matrix-layout";
import type { MatrixParams, MatrixSort } from "@/components/matrix/matrix-params";
import { MatrixRowView } from "@/components/matrix/matrix-row";
import { useRowReasons } from "@/components/matrix/use-row-reasons";

interface Props {
  data: MatrixData;
  slice: MatrixSlice;
  params: MatrixParams;
  /** Changes when filters or sort change: the grid returns to its first row. */
  filterKey: string;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onSort: (sort: MatrixSort) => void;
  onOpenCell: (row: MatrixRow, controlId: string) => void;
}

interface Active {
  row: number;
  col: number;
}

function position(el: EventTarget | null): { r: number; c: number; el: HTMLElement } | null {
  const node = (el as HTMLElement | null)?.closest<HTMLElement>("[data-r][data-c]");
  if (!node) return null;
  return { r: Number(node.dataset.r), c: Number(node.dataset.c), el: node };
}

export function MatrixGrid({
  data,
  slice,
  params,
  filterKey,
  selected,
  onToggle,
  onToggleAll,
  onSort,
  onOpenCell,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const tooltip = useRef<CellTooltipHandle>(null);
  const [active, setActive] = useState<Active>({ row: 0, col: FIRST_CELL_COL });
  const focusPending = useRef(false);
  const { rows, columns } = slice;
  const lastCol = columns.length + FIRST_CELL_COL - 1;

  // The React Compiler is not enabled here, and only plain values (items, sizes) flow from the
  // virtualizer into memoized rows, so its non-memoizable API is safe to use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The rows start below the sticky header, and rows scrolled to must not hide under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // Server render and first paint show a screenful instead of an empty grid.
    initialRect: { width: 1400, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const reasons = useRowReasons(rows, items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1);

  // New filters or sort: back to the top, so the first matches are what the user sees.
  const [shownFor, setShownFor] = useState(filterKey);
  if (shownFor !== filterKey) {
    setShownFor(filterKey);
    setActive({ row: 0, col: active.col });
  }
  const scrolledFor = useRef(filterKey);
  useEffect(() => {
    // Not on mount: a user may already have scrolled the server-rendered grid.
    if (scrolledFor.current === filterKey) return;
    scrolledFor.current = filterKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filterKey]);

  // Keep the active position inside the grid when filters shrink it.
  const row = Math.min(active.row, Math.max(rows.length - 1, 0));
  const col = Math.min(active.col, lastCol);

  const familyStarts = useMemo(() => {
    const starts = new Set<number>();
    columns.forEach((c, i) => {
      if (i === 0 || data.controls[columns[i - 1]!]!.family !== data.controls[c]!.family) starts.add(i);
    });
    return starts;
  }, [columns, data.controls]);

  // After a keyboard move, focus the new element once it is rendered: a far jump (Ctrl+End,
  // PageDown) renders its row only after the virtualizer has scrolled, a render or two later.
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-r="${row}"][data-c="${col}"]`);
    if (!el) return;
    focusPending.current = false;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
  });

  const moveTo = useCallback(
    (r: number, c: number) => {
      const nextRow = Math.max(0, Math.min(r, rows.length - 1));
      const nextCol = Math.max(0, Math.min(c, lastCol));
      virtualizer.scrollToIndex(nextRow, { align: "auto" });
      focusPending.current = true;
      setActive({ row: nextRow, col: nextCol });
    },
    [rows.length, lastCol, virtualizer],
  );

  const showTooltip = (r: number, c: number, el: HTMLElement) => {
    const account = rows[r];
    const column = columns[c - FIRST_CELL_COL];
    if (!account || column === undefined || c < FIRST_CELL_COL) return tooltip.current?.hide();
    tooltip.current?.show({
      accountId: account.id,
      accountName: account.name,
      control: data.controls[column]!,
      code: account.s[column],
      rect: el.getBoundingClientRect(),
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = position(e.target);
    if (!at) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 3);
    const moves: Record<string, () => void> = {
      ArrowRight: () => moveTo(at.r, at.c + 1),
      ArrowLeft: () => moveTo(at.r, at.c - 1),
      ArrowDown: () => moveTo(at.r + 1, at.c),
      ArrowUp: () => moveTo(at.r - 1, at.c),
      PageDown: () => moveTo(at.r + page, at.c),
      PageUp: () => moveTo(at.r - page, at.c),
      Home: () => (e.ctrlKey ? moveTo(0, at.c) : moveTo(at.r, 0)),
      End: () => (e.ctrlKey ? moveTo(rows.length - 1, at.c) : moveTo(at.r, lastCol)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      tooltip.current?.hide();
      move();
      return;
    }
    if ((e.key === "Enter" || e.key === " ") && at.c >= FIRST_CELL_COL) {
      e.preventDefault();
      open(at.r, at.c);
    }
  };

  const open = (r: number, c: number) => {
    const account = rows[r];
    const column = columns[c - FIRST_CELL_COL];
    if (!account || column === undefined) return;
    tooltip.current?.hide();
    onOpenCell(account, data.controls[column]!.id);
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const at = position(e.target);
    if (!at) return;
    setActive({ row: at.r, col: at.c });
    if (at.c >= FIRST_CELL_COL) open(at.r, at.c);
  };

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id));

  return (
    <div className="relative rounded-lg border border-slate-200 bg-white shadow-sm">
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Accounts by control"
        aria-rowcount={rows.length + 2}
        aria-colcount={columns.length + 2}
        className="h-[calc(100vh-330px)] min-h-[420px] overflow-auto overscroll-contain"
        onKeyDown={onKeyDown}
        onClick={onClick}
        onMouseOver={(e) => {
          const at = position(e.target);
          if (at) showTooltip(at.r, at.c, at.el);
          else tooltip.current?.hide();
        }}
        onMouseLeave={() => tooltip.current?.hide()}
        onFocus={(e) => {
          const at = position(e.target);
          if (at) {
            if (at.r !== row || at.c !== col) setActive({ row: at.r, col: at.c });
            if (e.target.matches(":focus-visible")) showTooltip(at.r, at.c, at.el);
          }
        }}
        onBlur={() => tooltip.current?.hide()}
        onScroll={() => tooltip.current?.hide()}
        data-testid="matrix-grid"
      >
        <div className="min-w-max">
          <MatrixHeader
            controls={data.controls}
            columns={columns}
            failing={slice.failing}
            params={params}
            onSort={onSort}
            selectAll={{ checked: allSelected, indeterminate: someSelected, onChange: onToggleAll, count: rows.length }}
          />
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const account = rows[item.index]!;
              return (
                <MatrixRowView
                  key={account.id}
                  row={account}
                  index={item.index}
                  ouPath={data.ous[account.ou] ?? ""}
                  controls={data.controls}
                  columns={columns}
                  familyStarts={familyStarts}
                  failingCount={slice.failingByRow.get(account.id) ?? 0}
                  selected={selected.has(account.id)}
                  activeCol={item.index === row ? col : -1}
                  top={item.start - HEADER_HEIGHT}
                  onToggle={onToggle}
                />
              );
            })}
          </div>
        </div>
      </div>
      <CellTooltip ref={tooltip} reasons={reasons} />
    </div>
  );
}
