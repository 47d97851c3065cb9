import { limiter } from "../cluster/limiter";
import { ApiError } from "../errors";

// Failed sign-ins are counted per account (whether the username or the email was typed): after
// MAX_FAILURES within WINDOW_SECONDS that account refuses further attempts until the window ends,
// so a password cannot be guessed quickly. Success clears the count. Counted by
// rate-limiter-flexible: in memory for one process, in Redis for a cluster (every node sees the
// same count).

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

const failures = () => limiter({ name: "login-failures", points: MAX_FAILURES, durationSeconds: WINDOW_SECONDS });

export async function assertLoginAllowed(key: string): Promise<void> {
  const counted = await failures().get(key);
  if (!counted || counted.consumedPoints < MAX_FAILURES) return;
  const minutes = Math.max(1, Math.ceil(counted.msBeforeNext / 60_000));
  throw new ApiError("rate_limited", `Too many failed sign-in attempts for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

export async function recordLoginFailure(key: string): Promise<void> {
  await failures().penalty(key, 1);
}

export async function clearLoginFailures(key: string): Promise<void> {
  await failures().delete(key);
}
