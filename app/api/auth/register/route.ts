import { endpoints } from "@/lib/api/endpoints";
import { sessionClient } from "@/lib/server/auth/record-session";
import { issueApiToken } from "@/lib/server/auth/tokens";
import { requestAddress } from "@/lib/server/http/client-address";
import { handle, json } from "@/lib/server/http/route";
import { registerUser } from "@/lib/server/users/register-user";
import { toSelfUser } from "@/lib/server/users/serialize";

// POST /api/auth/register – create an account and sign it in
export const POST = handle(endpoints.register, async ({ req, body }) => {
  const user = await registerUser({ ...body, address: requestAddress(req) });
  const { token } = await issueApiToken(user.id, sessionClient((name) => req.headers.get(name)));
  return json({ token, user: toSelfUser(user) }, 201);
});
