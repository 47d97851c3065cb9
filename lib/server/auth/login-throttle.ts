import { limiter } from "../cluster/limiter";
import { assertNotSpent, consumeLimit, forgive, penalize, refuse } from "../limits/rate-limit";

// Sign-in defence after OWASP's authentication guidance: limits per address and per (address,
// account) with a growing delay, and no per-account lockout, so that nobody can lock an owner out
// by failing on purpose, while guessing one password and stuffing many accounts from one address
// both stop. Counted by rate-limiter-flexible (Redis in a cluster: every node sees the same counts).
//
// - every attempt counts against `login` (per address);
// - a failure counts against `login_failures` (per address, any account) and
//   `login_account_failures` (per address and account); once either is spent, that address's
//   attempts are refused until its window ends;
// - from the third failure in a row for an (address, account), the next attempt from there waits
//   1 s, then 2, 4, … up to 60 s. A success clears that pair.

const DELAY_FROM_FAILURE = 3;
const MAX_DELAY_SECONDS = 60;

// A block holds the pair until its delay has passed (rate-limiter-flexible's `block`).
const delays = () => limiter({ name: "login-delay", points: 1, durationSeconds: 1 });

export interface LoginAttempt {
  address: string;
  /** The account tried: its id when it exists, else what was typed. */
  account: string;
}

const pairKey = ({ address, account }: LoginAttempt) => `${address}|${account}`;

export async function assertLoginAllowed(attempt: LoginAttempt): Promise<void> {
  await consumeLimit("login", attempt.address);
  const pair = pairKey(attempt);
  const delayed = await delays().get(pair);
  if (delayed && delayed.consumedPoints > 1) {
    throw refuse("login_delay", 1, delayed.msBeforeNext, "Too many failed sign-in attempts: wait before trying again");
  }
  const message = (resetAfterMs: number) => {
    const minutes = Math.max(1, Math.ceil(resetAfterMs / 60_000));
    return `Too many failed sign-in attempts from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  };
  await assertNotSpent("login_account_failures", pair, message);
  await assertNotSpent("login_failures", attempt.address, message);
}

export async function recordLoginFailure(attempt: LoginAttempt): Promise<void> {
  const pair = pairKey(attempt);
  const [failures] = await Promise.all([penalize("login_account_failures", pair), penalize("login_failures", attempt.address)]);
  if (failures >= DELAY_FROM_FAILURE) {
    await delays().block(pair, Math.min(2 ** (failures - DELAY_FROM_FAILURE), MAX_DELAY_SECONDS));
  }
}

export async function clearLoginFailures(attempt: LoginAttempt): Promise<void> {
  const pair = pairKey(attempt);
  await Promise.all([forgive("login_account_failures", pair), delays().delete(pair)]);
}
