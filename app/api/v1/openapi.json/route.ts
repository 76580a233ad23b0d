// GET /api/v1/openapi.json — the OpenAPI description of every endpoint (public).
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export function GET() {
  return NextResponse.json(openApiDocument());
}
