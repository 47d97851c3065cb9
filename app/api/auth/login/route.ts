import { endpoints } from "@/lib/api/endpoints";
import { sessionClient } from "@/lib/server/auth/record-session";
import { issueApiToken } from "@/lib/server/auth/tokens";
import { requestAddress } from "@/lib/server/http/client-address";
import { handle, json } from "@/lib/server/http/route";
import { checkCredentials } from "@/lib/server/users/check-credentials";
import { toSelfUser } from "@/lib/server/users/serialize";

// POST /api/auth/login – exchange a username or email and password for an API token
export const POST = handle(endpoints.login, async ({ req, body }) => {
  const user = await checkCredentials({ login: body.username ?? body.email!, password: body.password, address: requestAddress(req) });
  const { token } = await issueApiToken(user.id, sessionClient((name) => req.headers.get(name)));
  return json({ token, user: toSelfUser(user) });
});
