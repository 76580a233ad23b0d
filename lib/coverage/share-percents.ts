// Percentages in hundredths that add up to exactly 100 (largest-remainder rounding), so a
// region's four shares never read 99.99 or 100.01 in front of an auditor.

export function sharePercents(parts: number[], total: number): number[] {
  if (total <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p / total) * 10_000);
  const floors = exact.map(Math.floor);
  let missing = 10_000 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.i - y.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    if (exact[i]! - floors[i]! > 0) {
      floors[i]! += 1;
      missing--;
    }
  }
  return floors.map((f) => f / 100);
}

/** One share rounded to hundredths (an account's figure, an organization total). */
export function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 10_000) / 100 : 0;
}
