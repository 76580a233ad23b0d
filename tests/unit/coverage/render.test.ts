// The export formats: CSV rows, the manifest an auditor checks, and a PDF that renders.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderCoverage } from "@/lib/coverage/render-coverage";
import { every, reportFor, trail } from "./history";

const restarted = trail({}, { stopLoggingTime: "2025-03-05T05:30:00Z", startLoggingTime: "2025-03-05T06:30:00Z" });
const report = reportFor(
  [
    {
      accountId: "222222222222",
      name: "Payments, production",
      snapshots: [
        ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [trail()]),
        ...every(4, "2025-03-05T08:00:00Z", "2025-03-15T00:00:00Z", [restarted]),
      ],
    },
  ],
  "2025-03-01",
  "2025-03-10",
  [
    {
      accountId: "222222222222",
      eventName: "StopLogging",
      eventTime: Date.parse("2025-03-05T05:30:00Z") / 1000,
      actorArn: "arn:aws:iam::222222222222:user/bob",
      sourceIp: "203.0.113.7",
      trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
      organization: false,
    },
  ],
);

describe("renderCoverage", () => {
  it("writes one CSV row per account and region, and one gaps row per gap and region", async () => {
    const out = await renderCoverage(report, "csv");
    expect(out.files.map((f) => f.name)).toEqual([
      "coverage-2025-03-01_2025-03-10.csv",
      "coverage-2025-03-01_2025-03-10-gaps.csv",
      "coverage-2025-03-01_2025-03-10-integrity.csv",
    ]);
    expect(out.files[0]!.body.toString().trim().split("\n")).toEqual([
      "account_id,account_name,region,recorded_pct,partial_pct,not_recorded_pct,unknown_pct,gap_count,evidence," +
        "digests,digests_valid,digests_invalid,missing_digest_hours,log_files_checked,log_files_missing,log_files_modified," +
        "period_from,period_to",
      '222222222222,"Payments, production",eu-west-1,99.58,0,0.42,0,1,snapshots,0,0,0,0,0,0,0,2025-03-01T00:00:00.000Z,2025-03-11T00:00:00.000Z',
      '222222222222,"Payments, production",us-east-1,99.58,0,0.42,0,1,snapshots,0,0,0,0,0,0,0,2025-03-01T00:00:00.000Z,2025-03-11T00:00:00.000Z',
    ]);
    expect(out.files[1]!.body.toString().split("\n")[0]).toMatch(
      /,bounded_by,actor_arn,actor_source_ip,actor_event,actor_event_time\r?$/,
    );
    expect(out.files[1]!.body.toString().trim().split("\n")[1]).toBe(
      '222222222222,"Payments, production",eu-west-1,2025-03-05T05:30:00.000Z,2025-03-05T06:30:00.000Z,3600,' +
        "not_recorded,logging_stopped,Logging stopped,aws,arn:aws:iam::222222222222:user/bob,203.0.113.7,StopLogging," +
        "2025-03-05T05:30:00.000Z",
    );
  });

  it("lists every file with its SHA-256, also in sha256sum format", async () => {
    const out = await renderCoverage(report, "json", { fileName: "audit.json" });
    const body = out.files[0]!.body;
    const digest = createHash("sha256").update(body).digest("hex");
    expect(out.manifest).toMatchObject({
      algorithm: "SHA-256",
      files: [{ name: "audit.json", bytes: body.length, sha256: digest }],
    });
    expect(out.sha256sums).toBe(`${digest}  audit.json\n`);
    expect(JSON.parse(body.toString())).toEqual(report);
  });

  it("renders a PDF with built-in fonts only", async () => {
    const out = await renderCoverage(report, "pdf");
    const pdf = out.files[0]!.body;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(out.files[0]!.contentType).toBe("application/pdf");
    expect(pdf.toString("latin1")).not.toMatch(/FontFile/); // no embedded font programs
  });
});
