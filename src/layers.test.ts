// The layering of DESIGN §4, read from the imports of every source file: lib/ and db/ know no
// HTTP and no domain, http/ knows no domain, no two modules depend on each other (directly or
// round a longer cycle), a module's queries are its own, and the web apps take only the
// server's schema.ts files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.(test|e2e)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The files a source file imports (relative imports only), resolved to paths under src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const rel = (p: string) => path.relative(src, p).replaceAll(path.sep, '/');
const files = sourceFiles(src).filter((f) => !rel(f).startsWith('server/testing/'));
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from: rel(from), to: rel(to).replace(/\.tsx?$/, '') })));

/** The module a server file belongs to, if any: modules/<name>/... */
const moduleOf = (p: string) => /^server\/modules\/([^/]+)\//.exec(p)?.[1] ?? null;

describe('the import rules of DESIGN §4', () => {
  it('reads the whole tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('lib/, db/, errors.ts and scope.ts import neither http/ nor modules/', () => {
    const low = /^server\/(lib|db)\/|^server\/(errors|scope)\.ts$/;
    expect(edges.filter((e) => low.test(e.from) && /^server\/(http|modules)\//.test(e.to))).toEqual([]);
  });

  it('http/ imports no module', () => {
    expect(edges.filter((e) => e.from.startsWith('server/http/') && e.to.startsWith('server/modules/'))).toEqual([]);
  });

  it("no module imports another module's queries", () => {
    expect(edges.filter((e) => moduleOf(e.from) && moduleOf(e.to) && moduleOf(e.from) !== moduleOf(e.to) && /queries$/.test(e.to))).toEqual([]);
  });

  it('no two modules depend on each other, directly or through others', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const a = moduleOf(e.from);
      const b = moduleOf(e.to);
      if (a && b && a !== b && !e.to.endsWith('/schema')) {
        if (!graph.has(a)) graph.set(a, new Set());
        graph.get(a)!.add(b);
      }
    }
    // every module that can reach itself, with the path it takes
    const cycles: string[] = [];
    for (const start of graph.keys()) {
      const seen = new Set<string>();
      const walk = (at: string, trail: string[]): void => {
        for (const next of graph.get(at) ?? []) {
          if (next === start) cycles.push([...trail, next].join(' -> '));
          else if (!seen.has(next)) {
            seen.add(next);
            walk(next, [...trail, next]);
          }
        }
      };
      walk(start, [start]);
    }
    expect(cycles).toEqual([]);
  });

  it("the web apps import only the server's schema.ts files", () => {
    expect(edges.filter((e) => e.from.startsWith('web/') && e.to.startsWith('server/') && !/\/schema$/.test(e.to))).toEqual([]);
  });
});
