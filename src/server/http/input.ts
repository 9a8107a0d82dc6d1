// Input hygiene for every request: NUL characters are dropped from body and query text before
// validation (PostgreSQL cannot store them, no person types them, and pasted spreadsheet text
// sometimes carries them).
import type { FastifyInstance } from 'fastify';

/**
 * Drops NUL from every string of a parsed JSON value, in place. Iterative: a body nested
 * thousands of levels deep must not overflow the stack (a 500) on its way to validation.
 */
function withoutNul(root: unknown): unknown {
  const clean = (v: string) => (v.includes('\u0000') ? v.replaceAll('\u0000', '') : v);
  if (typeof root === 'string') return clean(root);
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (typeof x === 'string') o[k] = clean(x);
      else if (x && typeof x === 'object') stack.push(x);
    }
  }
  return root;
}

export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.body = withoutNul(request.body);
    request.query = withoutNul(request.query);
  });
}
