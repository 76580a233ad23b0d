// Plain-text tables of the seeded accounts for the simulator's command line.
import type { BulkManifest } from "@/sim/seed-bulk";
import type { SimManifest } from "@/sim/manifest";

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatDemoAccounts(manifest: SimManifest): string {
  const rows = manifest.accounts.map((a) => {
    const failing = Object.entries(a.expected)
      .filter(([, v]) => v === "FAILED")
      .map(([id]) => id.replace("CloudTrail.", "CT.").replace("CloudWatch.", "CW."));
    return [
      a.accountId,
      a.name,
      a.ouPath,
      a.state,
      a.trails.map((t) => t.name).join(", ") || "-",
      failing.length > 6 ? `${failing.slice(0, 6).join(" ")} +${failing.length - 6}` : failing.join(" ") || "-",
    ];
  });
  const shFindings = manifest.securityHubFindings;
  return [
    table(["account", "name", "ou", "state", "own trails", "expected FAILED"], rows),
    "",
    `organization ${manifest.organizationId}; organization trail: ${manifest.organizationTrailArn ?? "none"}`,
    `log archive ${manifest.logArchiveAccountId} (bucket ${manifest.centralBucketName}); Security Hub administrator ${manifest.securityHubAdminAccountId} in ${manifest.securityHubRegion}`,
    `${shFindings.length} Security Hub findings: ${["agrees", "stale", "archived", "security-hub-differs"].map((r) => `${shFindings.filter((f) => f.relation === r).length} ${r}`).join(", ")}`,
  ].join("\n");
}

export function formatBulkAccounts(manifest: BulkManifest, show = 20): string {
  const rows = manifest.accounts
    .slice(0, show)
    .map((a) => [a.accountId, a.name, a.ouPath, a.profile, String(a.trailArns.length)]);
  const more = manifest.accounts.length > show ? `\n... and ${manifest.accounts.length - show} more` : "";
  const t = manifest.timings;
  return (
    `${table(["account", "name", "ou", "profile", "trails"], rows)}${more}\n\norganization ${manifest.organizationId}: ` +
    `${manifest.accounts.length} members; seeded in ${(t.totalMs / 1000).toFixed(1)} s (organization ${(t.organizationMs / 1000).toFixed(1)} ` +
    `s, trails ${(t.trailsMs / 1000).toFixed(1)} s)`
  );
}
