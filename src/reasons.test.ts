// Every stable reason the server can answer (the 4th argument of `new AppError(...)` and of access's
// `requireHeldPermissions(...)`) has words in the web apps' catalogue, src/web/lib/error-messages.ts, in English and
// French: the apps never show the server's sentence, so a reason without words would fall back to the status's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The top-level arguments of the call whose "(" is at `open`, as source text. */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return args.map((a) => a.trim());
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unclosed call at ${open}`);
}

/** The snake_case reasons an argument can be: its string literals, or the string constant it names in the file. */
function reasonsOf(arg: string, text: string): string[] {
  const literals = [...arg.matchAll(/'([a-z]+(?:_[a-z]+)+)'/g)].map((m) => m[1]);
  if (literals.length > 0 || !/^[A-Za-z_]\w*$/.test(arg)) return literals;
  const constant = new RegExp(`const ${arg} = '([a-z_]+)'`).exec(text);
  return constant ? [constant[1]] : [];
}

const reasons = new Map<string, string>();
for (const file of sourceFiles(path.join(src, 'server'))) {
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/new AppError\(|\brequireHeldPermissions\(/g)) {
    if (text.slice(Math.max(0, m.index - 9), m.index) === 'function ') continue;
    const reason = argumentsAt(text, m.index + m[0].length - 1)[3];
    if (reason) for (const r of reasonsOf(reason, text)) reasons.set(r, path.relative(src, file));
  }
}

const catalogue = fs.readFileSync(path.join(src, 'web', 'lib', 'error-messages.ts'), 'utf8');
const keysIn = (language: string) => {
  const block = new RegExp(`\\n  ${language}: \\{([\\s\\S]*?)\\n  \\},`).exec(catalogue)?.[1] ?? '';
  return new Set([...block.matchAll(/'reason\.([a-z_]+)'/g)].map((m) => m[1]));
};

describe('the reasons of 409 and 422 answers', () => {
  it('are found in the server', () => {
    expect(reasons.size).toBeGreaterThanOrEqual(10);
    expect(reasons.get('details_owned_by_person')).toBe('server/modules/membership/service.ts');
    expect(reasons.has('administrator_rights_not_held')).toBe(true);
    expect(reasons.has('already_activated') && reasons.has('not_invited')).toBe(true);
  });

  for (const language of ['en', 'fr']) {
    it(`each have words in the web apps' catalogue (${language})`, () => {
      const keys = keysIn(language);
      expect(keys.size).toBeGreaterThan(0);
      expect([...reasons.keys()].filter((reason) => !keys.has(reason)).map((reason) => `${reason} (${reasons.get(reason)})`)).toEqual([]);
    });
  }
});
