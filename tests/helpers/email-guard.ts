import assert from "node:assert/strict";
import type { Api, ApiResponse, RequestOptions, TestUser } from "./api";

// Only the caller's own account (GET /api/auth/me, PATCH /api/users/me) may carry an `email` key:
// the suites about users and friends check every response body they receive for one.

function emailHolders(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) emailHolders(item, found);
  else if (value && typeof value === "object") {
    if (Object.hasOwn(value, "email")) found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) emailHolders(child, found);
  }
  return found;
}

/** Calls through `api` that fail on anyone's email but the caller's; users signed up here are known by token. */
export function emailGuarded(api: Api) {
  const userIdByToken = new Map<string, number>();

  async function call<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await api.request<T>(method, path, options);
    const pathname = new URL(path, "http://auraflow.test").pathname;
    const ownAccount = (method === "GET" && pathname === "/api/auth/me") || (method === "PATCH" && pathname === "/api/users/me");
    for (const holder of emailHolders(response.body)) {
      const callerId = options.token ? userIdByToken.get(options.token) : undefined;
      assert.ok(ownAccount && holder.id === callerId, `${method} ${path} exposed an email: ${JSON.stringify(holder)}`);
    }
    return response;
  }

  async function signUp(overrides: Parameters<Api["register"]>[0] = {}): Promise<TestUser> {
    const user = await api.register(overrides);
    userIdByToken.set(user.token, user.user.id);
    return user;
  }

  return {
    call,
    get: <T = any>(path: string, token?: string) => call<T>("GET", path, { token }),
    post: <T = any>(path: string, token?: string, body?: unknown) => call<T>("POST", path, { token, body }),
    signUp,
    signUpMany: (n: number) => Promise.all(Array.from({ length: n }, () => signUp())),
  };
}
