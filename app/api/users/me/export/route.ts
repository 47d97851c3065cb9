import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { exportAccount } from "@/lib/server/users/export-account";

// GET /api/users/me/export – the caller's own data as a JSON download
export const GET = handle(endpoints.exportAccount, async ({ auth }) =>
  json(await exportAccount(auth.user), 200, {
    "content-disposition": `attachment; filename="auraflow-export-${auth.user.username}.json"`,
  }),
);
