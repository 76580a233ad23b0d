// GET /api/v1/collections/latest — progress of the most recent collection run, same shape as
// GET /api/v1/collections/{runId} (viewer and up); 404 before the first run.
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/guards";
import { NotFoundError } from "@/lib/errors";
import { getLatestCollectionView } from "@/lib/read-models/collection-progress";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async () => {
  const view = await getLatestCollectionView();
  if (!view) throw new NotFoundError("No collection has run yet");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
