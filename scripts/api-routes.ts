// Browser bundles get lib/api/routes.ts in place of lib/api/endpoints.ts (next.config.mjs): the
// method and path of every endpoint, which is all callApi needs at run time, without the zod
// schemas. `npm run api:routes` writes it from lib/api/endpoints.ts; a test fails when the
// committed file is out of date.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { endpoints } from "../lib/api/endpoints";

export const routesPath = path.resolve(import.meta.dirname, "..", "lib", "api", "routes.ts");

export function routesSource(): string {
  const lines = Object.entries(endpoints).map(([name, { method, path }]) => `  ${name}: { method: "${method}", path: "${path}" },`);
  return `// GENERATED from lib/api/endpoints.ts by \`npm run api:routes\`: edit that file, not this one.
// Browser bundles get this module in place of endpoints.ts (next.config.mjs), so that the zod
// schemas stay on the server; type checking still sees endpoints.ts.
import type { endpoints as declared } from "./endpoints";

type Declared = typeof declared;

export const endpoints: { [Name in keyof Declared]: Pick<Declared[Name], "method" | "path"> } = {
${lines.join("\n")}
};
`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(routesPath, routesSource());
  console.log(`wrote ${path.relative(process.cwd(), routesPath)} (${Object.keys(endpoints).length} endpoints)`);
}
