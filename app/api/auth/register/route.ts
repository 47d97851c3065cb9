import { endpoints } from "@/lib/api/endpoints";
import { issueApiToken } from "@/lib/server/auth/tokens";
import { handle, json } from "@/lib/server/http/route";
import { registerUser } from "@/lib/server/users/register-user";
import { toSelfUser } from "@/lib/server/users/serialize";

// POST /api/auth/register – create an account and sign it in
export const POST = handle(endpoints.register, async ({ body }) => {
  const user = await registerUser(body);
  const { token } = await issueApiToken(user.id);
  return json({ token, user: toSelfUser(user) }, 201);
});
