/**
 * The rate limits, by name: `points` requests per `seconds`, counted per the key the caller names.
 * Defaults a person using the app never meets and a script always does; RATE_LIMITS overrides them
 * (`name=points/seconds`, `name=off`, `*=…` for all; see README "Rate limits").
 */
export const DEFAULT_POLICIES = {
  /** Every request of a signed-in user, per user. */
  api: { points: 600, seconds: 60 },
  /** Every request without credentials, per address. */
  anonymous: { points: 120, seconds: 60 },
  /** Messages per user per channel (Discord's 5 per 5 s). */
  message: { points: 5, seconds: 5 },
  /** Messages per user in all channels together: many channels at once is a raid, not a chat. */
  message_burst: { points: 30, seconds: 30 },
  /** Direct messages per sender per conversation. */
  direct_message: { points: 5, seconds: 5 },
  /** Accounts created per address. */
  register: { points: 10, seconds: 3600 },
  /** Sign-in attempts per address, right or wrong. */
  login: { points: 30, seconds: 60 },
  /** Failed sign-ins per address, whatever the account: stops credential stuffing. */
  login_failures: { points: 100, seconds: 3600 },
  /** Failed sign-ins per address and account: stops guessing one password; never locks the owner elsewhere. */
  login_account_failures: { points: 10, seconds: 900 },
  /** Wrong passwords per account when confirming one (password change, account deletion). */
  password_failures: { points: 10, seconds: 900 },
  /** Every Socket.IO event of a user. */
  socket: { points: 300, seconds: 60 },
  /** Voice signaling and voice state per user (joining a full mesh of 8 sends ~60 at once). */
  voice: { points: 600, seconds: 60 },
  /** Typing indicators per user. */
  typing: { points: 20, seconds: 10 },
  /** Message searches per user: each one ranks up to 10,000 matches. */
  search: { points: 60, seconds: 60 },
  /** Files uploaded per user (attachments, avatars, icons). */
  upload: { points: 30, seconds: 60 },
  /** Bots created and bot tokens issued (created or rotated) per owner. */
  bot_token: { points: 10, seconds: 600 },
  /** Questions to the built-in assistant per user (mentions, DMs, summaries): each one is a model call. */
  assistant: { points: 10, seconds: 60 },
  /** The assistant's "you are asking too often" replies per user: beyond it, it stays silent. */
  assistant_notice: { points: 1, seconds: 60 },
  /** Messages per webhook (Discord's 30 a minute). */
  webhook: { points: 30, seconds: 60 },
} as const satisfies Record<string, { points: number; seconds: number }>;

export type PolicyName = keyof typeof DEFAULT_POLICIES;
export const POLICY_NAMES = Object.keys(DEFAULT_POLICIES) as PolicyName[];

export interface Policy {
  points: number;
  seconds: number;
}

/** Policies after overrides; a policy switched off is absent. */
export type Policies = Partial<Record<PolicyName, Policy>>;

const RULE = /^(\*|[a-z_]+)=(?:(off)|(\d+)\/(\d+))$/;

/** Parses RATE_LIMITS ("message=10/5,register=off,*=1000/1"); throws a readable message when wrong. */
export function parsePolicies(spec: string | undefined): Policies {
  const policies: Policies = { ...DEFAULT_POLICIES };
  const rules = (spec ?? "").split(",").map((rule) => rule.trim()).filter(Boolean);
  // "*" first, so that a named rule next to it wins whatever the order.
  rules.sort((a, b) => Number(b.startsWith("*")) - Number(a.startsWith("*")));
  for (const rule of rules) {
    const match = RULE.exec(rule);
    if (!match) throw new Error(`"${rule}" is not name=points/seconds or name=off`);
    const [, name, off, points, seconds] = match;
    if (name !== "*" && !(POLICY_NAMES as string[]).includes(name)) throw new Error(`unknown limit "${name}" (known: ${POLICY_NAMES.join(", ")})`);
    if (!off && (Number(points) < 1 || Number(seconds) < 1)) throw new Error(`"${rule}": points and seconds must be at least 1`);
    for (const target of name === "*" ? POLICY_NAMES : [name as PolicyName]) {
      if (off) delete policies[target];
      else policies[target] = { points: Number(points), seconds: Number(seconds) };
    }
  }
  return policies;
}
