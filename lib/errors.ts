// Typed domain errors and their one mapping to HTTP status codes and user-facing messages.
import { NextResponse } from "next/server";
import { ZodError } from "zod";

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message, 400, "invalid_input");
  }
  static fromZod(err: ZodError, what = "request"): ValidationError {
    const issues = err.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message }));
    return new ValidationError(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in or send a valid API token (Authorization: Bearer ...)") {
    super(message, 401, "unauthenticated");
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this") {
    super(message, 403, "forbidden");
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, "not_found");
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

/** Maps any error to a JSON response; unknown errors are logged and answered 500 without details. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ZodError) err = ValidationError.fromZod(err);
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { error: err.code, message: err.message };
    if (err instanceof ValidationError && err.issues.length) body.issues = err.issues;
    return NextResponse.json(body, { status: err.status });
  }
  console.error("Unhandled error in request:", err);
  return NextResponse.json({ error: "internal", message: "Internal error; see the server log" }, { status: 500 });
}
