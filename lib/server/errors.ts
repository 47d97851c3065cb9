import { ZodError } from "zod";
import { type ErrorCode, STATUS_BY_CODE } from "@/lib/api/error-codes";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The one error type domain code throws. `code` picks the HTTP status; a domain-specific code
 * (e.g. `cannot_message_user`) names its status through `status`.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown);
  constructor(code: string, message: string, details: unknown, status: number);
  constructor(code: string, message: string, details?: unknown, status?: number) {
    super(message);
    this.code = code;
    this.status = status ?? STATUS_BY_CODE[code as ErrorCode] ?? 500;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Authorization failures on other people's resources use this too, so they read as absence. */
export function notFound(what = "Resource"): ApiError {
  return new ApiError("not_found", `${what} not found`);
}

/**
 * For a write after the checks: the row was deleted meanwhile by a concurrent request (Prisma's
 * P2025), so it is missing, and answers exactly as a missing one does.
 */
export function missing(what: string) {
  return (error: unknown): never => {
    throw (error as { code?: unknown } | null)?.code === "P2025" ? notFound(what) : error;
  };
}

export function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** Maps anything thrown to an ApiError; unknown errors become `internal` without internals. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return new ApiError("invalid_request", "Invalid request", zodDetails(error));
  // Prisma's "record to update/delete not found": a concurrent request deleted it after the checks.
  // It no longer exists, and says so like anything missing.
  if ((error as { code?: unknown } | null)?.code === "P2025") return notFound();
  return new ApiError("internal", "Something went wrong on our side");
}
