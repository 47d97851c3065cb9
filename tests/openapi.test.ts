import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { ResponseChecker } from "./helpers/openapi";
import { projectRoot } from "./helpers/server";
import { useServer } from "./helpers/world";

const world = useServer();
let doc: any;

before(async () => {
  doc = (await world.api.get("/api/openapi.json")).body;
});

/** Every route file under app/api with the HTTP methods it exports, as OpenAPI paths. */
function implementedRoutes(): { method: string; path: string }[] {
  const apiDir = path.join(projectRoot, "app", "api");
  const routes: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(apiDir, dir).split(path.sep).filter(Boolean);
        // Catch-alls are next-auth's own routes and the JSON 404 for unknown paths.
        if (segments.some((segment) => segment.startsWith("[..."))) continue;
        const routePath = "/api/" + segments.map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        const source = readFileSync(full, "utf8");
        for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) routes.push({ method, path: routePath });
      }
    }
  };
  walk(apiDir);
  return routes;
}

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document with components for the spec's shapes", () => {
    assert.equal(doc.openapi, "3.1.0");
    for (const shape of ["Message", "DirectMessage", "Community", "Channel", "Friend", "FriendRequest", "CommunityMember", "User", "Error"]) {
      assert.ok(doc.components.schemas[shape], `components.schemas.${shape}`);
    }
  });

  it("documents every implemented route and method, and nothing that is not implemented", () => {
    const implemented = implementedRoutes().map((route) => `${route.method} ${route.path}`).sort();
    const documented = Object.entries<any>(doc.paths)
      .flatMap(([routePath, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${routePath}`))
      .sort();
    assert.ok(implemented.length >= 45, `found only ${implemented.length} routes`);
    assert.deepEqual(documented, implemented);
  });

  it("gives every operation a summary, a tag and its error responses", () => {
    for (const [routePath, methods] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(methods)) {
        assert.ok(operation.summary, `${method} ${routePath} summary`);
        assert.equal(operation.tags.length, 1);
        if (operation.security.length) assert.ok(operation.responses["401"], `${method} ${routePath} documents 401`);
        if (operation.requestBody) assert.ok(operation.responses["400"], `${method} ${routePath} documents 400`);
      }
    }
  });

  it("documents 404 wherever an id arrives in the path, the query or the body", () => {
    const idProperty = (schema: any): boolean => {
      if (!schema || typeof schema !== "object") return false;
      if (schema.$ref) return idProperty(doc.components.schemas[schema.$ref.split("/").pop()]);
      const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
      if (variants.length) return variants.some(idProperty);
      return Object.keys(schema.properties ?? {}).some((name) => name.endsWith("_id") || name === "reply_to");
    };
    for (const [routePath, methods] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(methods)) {
        const takesId =
          operation.parameters.some((p: any) => p.in === "path" || p.name.endsWith("_id")) ||
          idProperty(operation.requestBody?.content["application/json"]?.schema);
        if (takesId) assert.ok(operation.responses["404"], `${method.toUpperCase()} ${routePath} takes an id but does not document 404`);
      }
    }
  });

  it("serves the interactive reference at /docs", async () => {
    const page = await fetch(`${world.server.url}/docs`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Auraflow API reference/);
    const bundle = await fetch(`${world.server.url}/docs/swagger/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get("content-type") ?? "", /javascript/);
    assert.equal((await fetch(`${world.server.url}/docs/swagger/..%2Fpackage.json`)).status, 404);
  });
});

describe("the response check every test runs", () => {
  it("rejects a body that does not match the documented schema", () => {
    const checker = new ResponseChecker(doc);
    assert.equal(checker.check("GET", "/api/auth/me", 200, { id: 1, username: "x" }) !== null, true);
    assert.match(checker.check("GET", "/api/channels/communities/12", 200, { id: "12" }) ?? "", /does not match/);
  });

  it("rejects a status the document does not list", () => {
    const checker = new ResponseChecker(doc);
    assert.match(checker.check("GET", "/api/auth/me", 500, { error: { code: "internal", message: "x" } }) ?? "", /does not list/);
  });

  it("accepts a documented error with the error shape", () => {
    const checker = new ResponseChecker(doc);
    assert.equal(checker.check("GET", "/api/auth/me", 401, { error: { code: "unauthorized", message: "x" } }), null);
  });
});
