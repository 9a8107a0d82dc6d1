// Random tokens and codes, and the SHA-256 hashes that are all the database ever keeps of them.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

// Random bytes come from a pool the CSPRNG refills 4 KiB at a time, as randomUUID does: one call
// into it per hundred tokens or ids rather than one each (a 10,000-row mass invitation draws
// 30,000). Each byte is handed out once, and a refill takes a new buffer.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomFromPool(n: number): Buffer {
  if (poolAt + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomFromPool(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Six digits from the CSPRNG, leading zeros kept. */
export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Codes are hashed with the email they belong to so equal codes never share a hash. */
export function hashCode(email: string, code: string): string {
  return createHash('sha256').update(`${email}\n${code}`, 'utf8').digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

let lastMs = 0;
let seq = 0;

/**
 * A UUIDv7: time-ordered, and strictly increasing within this process, so rows written in one
 * millisecond (the steps of one transaction) still sort in the order they were written.
 */
export function newOrderedId(now: Date): string {
  let ms = now.getTime();
  if (ms <= lastMs) {
    ms = lastMs;
    seq++;
    if (seq > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next millisecond to stay in order.
      ms = ++lastMs;
      seq = 0;
    }
  } else {
    lastMs = ms;
    seq = 0;
  }
  const b = randomFromPool(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
