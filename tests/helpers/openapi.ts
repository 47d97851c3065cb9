import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Every response a test receives is checked against the server's own /api/openapi.json: the
// documented status codes and the JSON Schema of the body for that status.

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = "auraflow-openapi";
/** next-auth's own routes are outside the API contract (not /api/auth/sessions, which is ours). */
const UNDOCUMENTED_PREFIXES = ["/api/auth/csrf", "/api/auth/callback/", "/api/auth/signout", "/api/auth/session", "/api/auth/providers", "/api/auth/signin"];
const isUndocumented = (pathname: string) =>
  UNDOCUMENTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`));

interface Operation {
  pattern: RegExp;
  staticSegments: number;
  template: string;
  method: string;
  statuses: Set<string>;
}

export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly errorValidator: ValidateFunction;

  constructor(private readonly doc: any) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: DOC_ID });
    for (const [template, methods] of Object.entries<any>(doc.paths)) {
      const segments = template.split("/");
      const pattern = new RegExp(`^${segments.map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("/")}$`);
      for (const [method, operation] of Object.entries<any>(methods)) {
        this.operations.push({
          pattern,
          staticSegments: segments.filter((s) => s && !s.startsWith("{")).length,
          template,
          method: method.toUpperCase(),
          statuses: new Set(Object.keys(operation.responses)),
        });
      }
    }
    this.errorValidator = this.ajv.compile({ $ref: `${DOC_ID}#/components/schemas/Error` });
  }

  private pointer(...parts: string[]) {
    return parts.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
  }

  private validatorFor(op: Operation, status: string): ValidateFunction | null {
    const key = `${op.method} ${op.template} ${status}`;
    if (!this.validators.has(key)) {
      const response = this.doc.paths[op.template][op.method.toLowerCase()].responses[status];
      // No body, or a file's bytes: only JSON bodies have a schema to check.
      if (!response.content?.["application/json"]) return null;
      const ref = `${DOC_ID}#/paths/${this.pointer(op.template, op.method.toLowerCase(), "responses", status, "content", "application/json", "schema")}`;
      this.validators.set(key, this.ajv.compile({ $ref: ref }));
    }
    return this.validators.get(key)!;
  }

  /** Returns a description of what does not match, or null when the response is as documented. */
  check(method: string, pathname: string, status: number, body: unknown): string | null {
    if (isUndocumented(pathname)) return null;
    if (!pathname.startsWith("/api/")) return null;
    const candidates = this.operations.filter((op) => op.pattern.test(pathname)).sort((a, b) => b.staticSegments - a.staticSegments);
    const op = candidates.find((candidate) => candidate.method === method);
    if (!op) {
      // Unknown paths and methods answer with the error shape.
      return status >= 400 && this.errorValidator(body) ? null : `${method} ${pathname} is not in the OpenAPI document (got ${status})`;
    }
    if (!op.statuses.has(String(status))) {
      return `${method} ${op.template} answered ${status}, which the OpenAPI document does not list (${[...op.statuses].join(", ")})`;
    }
    const validate = this.validatorFor(op, String(status));
    if (validate && !validate(body)) {
      return `${method} ${op.template} ${status} body does not match the OpenAPI schema: ${this.ajv.errorsText(validate.errors)}\nbody: ${JSON.stringify(body).slice(0, 500)}`;
    }
    return null;
  }
}

const checkers = new Map<string, Promise<ResponseChecker>>();

export function responseChecker(baseUrl: string): Promise<ResponseChecker> {
  if (!checkers.has(baseUrl)) {
    checkers.set(
      baseUrl,
      fetch(`${baseUrl}/api/openapi.json`).then(async (response) => new ResponseChecker(await response.json())),
    );
  }
  return checkers.get(baseUrl)!;
}
