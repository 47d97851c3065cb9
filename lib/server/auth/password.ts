import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended cost (19 MiB, 2 passes, 1 lane). @node-rs/argon2's Algorithm
// is a const enum, which isolated modules cannot import: 2 is Algorithm.Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so a missing account cannot be told from a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("auraflow-timing-equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}
