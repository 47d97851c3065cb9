import { z } from "zod";
import { fileBody, type Endpoint } from "@/lib/api/contract";
import { errorSchema } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input: the body, path or query failed validation, or the JSON is malformed",
  401: "Missing, invalid, expired or revoked credentials",
  403: "Visible to the caller, but the caller may not do this",
  404: "Not found, or not visible to the caller (both answer alike)",
  409: "Conflicts with the current state",
  413: "Request body larger than 64 KiB (an upload: larger than MAX_UPLOAD_BYTES)",
  415: "The body is not JSON (Content-Type: application/json); for an upload, not multipart/form-data",
  416: "The Range asks for bytes past the end of the file",
  429: "Rate limited: wait `details.retry_after` seconds (also in Retry-After) before trying again",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Every answer of a rate-limited route carries these (for the tightest limit the request met). */
const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit": { description: "Requests allowed in the window", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in the window", schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "When the window ends (epoch seconds)", schema: { type: "integer" } },
  "X-RateLimit-Reset-After": { description: "Seconds until the window ends", schema: { type: "number" } },
};

/** Converts zod schemas to JSON Schema 2020-12, collecting named schemas into components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
    const { $schema: _schema, $defs, ...rest } = converted;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.components[id] ??= this.rewriteRefs(definition);
    }
    const body = this.rewriteRefs(rest);
    const id = z.globalRegistry.get(schema)?.id;
    if (!id) return body;
    const { id: _id, ...component } = body;
    this.components[id] ??= component;
    return { $ref: `#/components/schemas/${id}` };
  }

  private rewriteRefs(value: JsonSchema): JsonSchema {
    return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  }
}

function parameters(collector: SchemaCollector, schema: z.ZodType | undefined, location: "path" | "query") {
  if (!schema) return [];
  const object = collector.convert(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (object.required ?? []).includes(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function errorStatuses(endpoint: Endpoint): number[] {
  const statuses = new Set(endpoint.errors ?? []);
  const takesBody = Boolean(endpoint.body || endpoint.upload);
  if (endpoint.params || endpoint.query || takesBody) statuses.add(400);
  if (takesBody) statuses.add(413);
  if (endpoint.auth) statuses.add(401);
  if (endpoint.params) statuses.add(404);
  if (takesBody) statuses.add(415);
  // A browser's cookie from a page of another origin (CSRF) is refused on every unsafe method.
  if (!SAFE_METHODS.has(endpoint.method)) statuses.add(403);
  if (endpoint.rateLimited !== false) statuses.add(429);
  return [...statuses].sort();
}


export function buildOpenApiDocument() {
  const collector = new SchemaCollector();
  const errorRef = collector.convert(errorSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};

  for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(endpoint.responses)) {
      if (schema === fileBody) {
        responses[status] = { description: status === "206" ? "The requested range of the file" : "The file", content: { "*/*": { schema: { type: "string", format: "binary" } } } };
      } else {
        responses[status] = schema
          ? { description: Number(status) < 300 ? "Success" : "See the body", content: { "application/json": { schema: collector.convert(schema as z.ZodType, "output") } } }
          : { description: "Success, no body" };
      }
    }
    for (const status of errorStatuses(endpoint)) {
      responses[status] = { description: ERROR_DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: errorRef } } };
    }
    if (endpoint.rateLimited !== false) {
      for (const [status, response] of Object.entries(responses)) {
        const retryAfter = status === "429" ? { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } : {};
        responses[status] = { ...(response as object), headers: { ...RATE_LIMIT_HEADERS, ...retryAfter } };
      }
    }
    const method = endpoint.method.toLowerCase();
    paths[endpoint.path] ??= {};
    paths[endpoint.path][method] = {
      operationId: name,
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      security: endpoint.auth ? [{ bearerAuth: [] }, { sessionCookie: [] }] : [],
      parameters: [...parameters(collector, endpoint.params, "path"), ...parameters(collector, endpoint.query, "query")],
      ...(endpoint.body
        ? { requestBody: { required: true, content: { "application/json": { schema: collector.convert(endpoint.body, "input") } } } }
        : {}),
      ...(endpoint.upload
        ? {
            requestBody: {
              required: true,
              content: {
                "multipart/form-data": {
                  schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary", description: endpoint.upload } } },
                },
              },
            },
          }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Auraflow API",
      version: "1.0.0",
      description:
        "Communities, channels, messages, direct messages and friends. Authenticate with `Authorization: Bearer <token>` from register or login; browsers use their session cookie. Every error has the shape `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: "/" }],
    tags: ["Auth", "Users", "Communities", "Invites", "Moderation", "Channels", "Messages", "Direct messages", "Reactions", "Attachments", "Friends", "Bots", "Webhooks", "Service"].map((tag) => ({ name: tag })),
    paths,
    components: {
      schemas: collector.components,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
