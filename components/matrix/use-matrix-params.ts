"use client";
// Reads the matrix state from the URL and writes it back with history.replaceState/pushState,
// which Next.js syncs into useSearchParams without a server round trip: filtering 5,000 rows
// stays instant and the page data is not fetched again. Next.js applies that sync in a
// transition, so the state is also kept locally and rendered at once (a checkbox must not
// flicker back while the router catches up); any URL change from outside (Back, a link) wins.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { parseMatrixParams, serializeMatrixParams, type MatrixParams } from "@/components/matrix/matrix-params";

export function useMatrixParams(): [
  MatrixParams,
  (patch: Partial<MatrixParams>, options?: { push?: boolean }) => void,
] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const [params, setParams] = useState(() => parseMatrixParams(searchParams));
  const [seen, setSeen] = useState(searchParams);
  if (searchParams !== seen) {
    setSeen(searchParams);
    setParams(parseMatrixParams(searchParams));
  }
  const update = useCallback(
    (patch: Partial<MatrixParams>, options: { push?: boolean } = {}) => {
      // Start from the live URL, not this render's copy, so quick successive updates compose.
      const next = { ...parseMatrixParams(new URLSearchParams(window.location.search)), ...patch };
      const qs = serializeMatrixParams(next);
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (options.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      setParams(next);
    },
    [pathname],
  );
  return [params, update];
}
