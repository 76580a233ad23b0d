// Typed domain errors. Each carries the HTTP status and code it answers with; the one mapping to a
// response lives with the routes' wrapper (lib/http/error-response.ts), so this module stays free of
// Next.js and is safe to import anywhere (CLI, jobs, client components).
import type { ZodError } from "zod";

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
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, "too_many_requests");
  }
}
