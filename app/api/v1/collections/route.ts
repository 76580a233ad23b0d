// POST /api/v1/collections — start a collection now (engineer and up). Body (optional):
//   { "accountIds": ["123456789012", ...] }  (omit for every account)
// 202 { runId, coalesced, progressUrl }: `coalesced` is true when an equivalent queued run was
// returned instead of a new one. Poll progressUrl (GET /api/v1/collections/{runId}).
// GET /api/v1/collections[?limit=N] — the most recent runs, newest first (viewer and up):
//   { runs: [{ runId, trigger, requestedBy, status, accountsTotal, accountsDone, accountsFailed, error, createdAt, finishedAt, durationMs }] }
import { NextResponse } from "next/server";
import { listCollections, startCollection } from "@/lib/api/endpoints/collections";
import { withRole } from "@/lib/auth/guards";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requestCollection } from "@/lib/queue/request-collection";
import { listCollectionRuns } from "@/lib/read-models/collection-progress";

export const dynamic = "force-dynamic";

export const POST = withRole("engineer", async (req, { principal }) => {
  const text = await req.text();
  const body = startCollection.body.parse(text.trim() ? JSON.parse(text) : {});
  const { runId, coalesced } = await requestCollection({
    trigger: "manual",
    requestedBy: principal.email ?? principal.name,
    accountIds: body.accountIds,
  });
  await recordAuditEvent({
    actor: principal,
    action: "collection.start",
    target: runId,
    details: { coalesced, accounts: body.accountIds?.length ?? "all" },
    request: req,
  });
  return NextResponse.json({ runId, coalesced, progressUrl: `/api/v1/collections/${runId}` }, { status: 202 });
});

export const GET = withRole("viewer", async (req) => {
  const { limit } = listCollections.query.parse({ limit: req.nextUrl.searchParams.get("limit") ?? undefined });
  return NextResponse.json({ runs: await listCollectionRuns(limit) });
});
