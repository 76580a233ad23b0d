// GET /api/v1/alerts — alerts, firing first (viewer). Search params: status=firing|resolved|all,
// account=<12 digits>, limit (1–500, default 100). Each alert carries its deliveries' outcomes.
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/guards";
import { listAlertsEndpoint } from "@/lib/api/endpoints/alerts";
import { listAlerts } from "@/lib/alerts/list-alerts";

export const dynamic = "force-dynamic";

export const GET = withRole(listAlertsEndpoint.role, async (req) => {
  const filters = listAlertsEndpoint.query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ alerts: await listAlerts(filters) });
});
