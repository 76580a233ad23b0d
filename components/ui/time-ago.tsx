import { formatAgo, formatUtc } from "@/components/ui/format-time";

/** "3 h ago", with the exact UTC time on hover and for machines. */
export function TimeAgo({ at, className }: { at: string | Date | null | undefined; className?: string }) {
  if (!at) return <span className={className}>never</span>;
  const iso = typeof at === "string" ? at : at.toISOString();
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className} suppressHydrationWarning>
      {formatAgo(iso)}
    </time>
  );
}
