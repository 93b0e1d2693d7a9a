import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string) {
  return hash(plain, options);
}

export async function verifyPassword(hashed: string, plain: string) {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** Verified against when the login is unknown, so response time does not reveal which part was wrong. */
let dummy: Promise<string> | undefined;
export function dummyHash() {
  dummy ??= hashPassword("not-a-real-password-0");
  return dummy;
}
