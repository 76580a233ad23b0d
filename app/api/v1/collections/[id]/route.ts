// GET /api/v1/collections/{runId} — progress of one collection run (viewer and up); "Collect now"
// polls it every second while `active`. Shape: CollectionProgressView
// (lib/read-models/collection-progress.ts): { runId, status: queued|running|ok|partial|error,
// active, accountsTotal, accountsDone, accountsFailed, problems: [{ accountId, name, status, error }], ... }.
import { NextResponse } from "next/server";
import { getCollection } from "@/lib/api/endpoints/collections";
import { withRole } from "@/lib/auth/guards";
import { NotFoundError } from "@/lib/errors";
import { getCollectionView } from "@/lib/read-models/collection-progress";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async (_req, ctx) => {
  const { id } = getCollection.params.parse(await ctx.params);
  const view = await getCollectionView(id);
  if (!view) throw new NotFoundError(`No collection run ${id}`);
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
