// The SHA-256 manifest an auditor checks the received files against: as JSON (manifest.json) and
// in `sha256sum` format (SHA256SUMS: `sha256sum -c` in the folder holding the files).
import { createHash } from "node:crypto";

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface CoverageManifest {
  algorithm: "SHA-256";
  report: "cloudtrail-coverage";
  period: { from: string; to: string };
  generatedAt: string;
  files: ManifestFile[];
}

export function sha256(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("hex");
}

export function buildManifest(
  files: { name: string; body: Buffer }[],
  meta: { period: { from: string; to: string }; generatedAt: string },
): CoverageManifest {
  return {
    algorithm: "SHA-256",
    report: "cloudtrail-coverage",
    period: meta.period,
    generatedAt: meta.generatedAt,
    files: files.map((f) => ({ name: f.name, bytes: f.body.length, sha256: sha256(f.body) })),
  };
}

/** `<hex>  <name>` lines, as sha256sum prints and checks them. */
export function manifestToSha256Sums(manifest: CoverageManifest): string {
  return manifest.files.map((f) => `${f.sha256}  ${f.name}\n`).join("");
}
