// The one mapping from errors to HTTP responses for route handlers (used by withRole in
// lib/auth/guards.ts): typed domain errors (lib/errors.ts) answer with their status and code, zod
// errors with 400, anything else with a logged 500 that reveals nothing.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, TooManyRequestsError, ValidationError } from "@/lib/errors";

/** Maps any error to a JSON response; unknown errors are logged and answered 500 without details. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ZodError) err = ValidationError.fromZod(err);
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { error: err.code, message: err.message };
    if (err instanceof ValidationError && err.issues.length) body.issues = err.issues;
    const headers: Record<string, string> = {};
    if (err instanceof TooManyRequestsError) headers["retry-after"] = String(err.retryAfterSeconds);
    return NextResponse.json(body, { status: err.status, headers });
  }
  console.error("Unhandled error in request:", err);
  return NextResponse.json({ error: "internal", message: "Internal error; see the server log" }, { status: 500 });
}
