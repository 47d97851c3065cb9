import { issueApiToken } from "@/lib/server/auth/tokens";
import { json, publicRoute } from "@/lib/server/http/route";
import { registerUser } from "@/lib/server/users/register-user";
import { toSelfUser } from "@/lib/server/users/serialize";
import { registerSchema } from "@/lib/validations/auth";

// POST /api/auth/register – create an account and sign it in
export const POST = publicRoute({ body: registerSchema }, async ({ body }) => {
  const user = await registerUser(body);
  const { token } = await issueApiToken(user.id);
  return json({ token, user: toSelfUser(user) }, 201);
});
