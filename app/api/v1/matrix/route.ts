// GET /api/v1/matrix — the compact current matrix the /matrix page renders (viewer and up):
// { generatedAt, controls: [{ id, family, short, title, severity }], ous: [path],
//   rows: [{ id, name, ou: index into ous, s: one status code per control, c: latest collection status, st? }] }
// Cell codes (lib/views/status-codes.ts): P F W N X E = PASSED FAILED WARNING NO_DATA
// NOT_APPLICABLE ERROR; lower case = ERROR showing that last good verdict as stale; "." = none yet.
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/guards";
import { getMatrix } from "@/lib/read-models/get-matrix";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async () => NextResponse.json(await getMatrix()));
