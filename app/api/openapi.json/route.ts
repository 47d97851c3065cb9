import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { openApiDocument } from "@/lib/server/openapi";

// GET /api/openapi.json – the OpenAPI 3.1 document, generated from the same zod schemas the routes validate with
export const GET = handle(endpoints.openapi, async () => json(openApiDocument()));
