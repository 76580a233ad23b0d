// Small text formats shared by the CSV and PDF renderers.

/** "3 d 4 h 05 min", "1 h 00 min", "42 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const mm = String(m).padStart(2, "0");
  if (d > 0) return `${d} d ${h} h ${mm} min`;
  return `${h} h ${mm} min`;
}

/** "2025-03-05 05:30:00" (UTC). */
export function formatInstant(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

export function formatPercent(value: number): string {
  return `${value.toFixed(2)} %`;
}

/** The period as people read it: the last day is inclusive. */
export function formatPeriod(period: { from: string; to: string }): string {
  const last = new Date(Date.parse(period.to) - 86_400_000).toISOString().slice(0, 10);
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000);
  return `${period.from.slice(0, 10)} to ${last} (UTC, ${days} days)`;
}

/** File-name stem for a report: coverage-2025-03-01_2025-03-10. */
export function reportStem(period: { from: string; to: string }): string {
  const last = new Date(Date.parse(period.to) - 86_400_000).toISOString().slice(0, 10);
  return `coverage-${period.from.slice(0, 10)}_${last}`;
}
