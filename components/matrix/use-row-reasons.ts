"use client";
// The reasons behind the cells on screen, fetched in blocks of rows as the matrix scrolls (the
// page HTML carries statuses only). Blocks are cached, so scrolling back costs nothing.
import { useQueries, type UseQueryResult } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { CellReason, MatrixReasons } from "@/lib/read-models/get-matrix-reasons";
import type { MatrixRow } from "@/lib/views/matrix-types";

const BLOCK = 50;

async function fetchReasons(ids: string[]): Promise<MatrixReasons> {
  const res = await fetch(`/api/v1/matrix/reasons?accounts=${ids.join(",")}`, {
    headers: { accept: "application/json" },
  });
  if (!res.ok) throw new Error(`Reasons could not be loaded (HTTP ${res.status})`);
  const body = (await res.json()) as { reasons: MatrixReasons };
  return body.reasons;
}

export interface ReasonLookup {
  get(accountId: string, controlId: string): CellReason | undefined;
  /** True while the block holding this account is still loading. */
  loading(accountId: string): boolean;
  failed(accountId: string): boolean;
}

export function useRowReasons(rows: MatrixRow[], firstIndex: number, lastIndex: number): ReasonLookup {
  const blocks = useMemo(() => {
    const out: string[][] = [];
    if (rows.length === 0 || lastIndex < 0) return out;
    for (let b = Math.floor(firstIndex / BLOCK); b <= Math.floor(Math.min(lastIndex, rows.length - 1) / BLOCK); b++) {
      out.push(rows.slice(b * BLOCK, b * BLOCK + BLOCK).map((r) => r.id));
    }
    return out;
  }, [rows, firstIndex, lastIndex]);
  const combine = useCallback(
    (results: UseQueryResult<MatrixReasons>[]): ReasonLookup => {
      const merged: MatrixReasons = {};
      const pending = new Set<string>();
      const failed = new Set<string>();
      results.forEach((q, i) => {
        if (q.data) Object.assign(merged, q.data);
        else if (q.isError) blocks[i]?.forEach((id) => failed.add(id));
        else blocks[i]?.forEach((id) => pending.add(id));
      });
      return {
        get: (accountId, controlId) => merged[accountId]?.[controlId],
        loading: (accountId) => pending.has(accountId),
        failed: (accountId) => failed.has(accountId),
      };
    },
    [blocks],
  );
  return useQueries({
    queries: blocks.map((ids) => ({
      queryKey: ["matrix-reasons", ids],
      queryFn: () => fetchReasons(ids),
      staleTime: 60_000,
    })),
    combine,
  });
}
