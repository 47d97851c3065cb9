import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { endpoints } from "../lib/api/endpoints";
import { endpoints as routes } from "../lib/api/routes";
import { routesPath, routesSource } from "../scripts/api-routes";

describe("the browser's endpoint table (lib/api/routes.ts)", () => {
  it("is what `npm run api:routes` writes from lib/api/endpoints.ts", () => {
    assert.equal(readFileSync(routesPath, "utf8"), routesSource(), "lib/api/routes.ts is out of date: run `npm run api:routes`");
  });

  it("gives every endpoint the method and path it is declared with", () => {
    const declared = Object.fromEntries(Object.entries(endpoints).map(([name, { method, path }]) => [name, { method, path }]));
    assert.deepEqual(routes, declared);
  });
});
