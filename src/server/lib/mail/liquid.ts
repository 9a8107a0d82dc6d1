// Operator-edited email templates: liquidjs, sandboxed (own properties only, no file system,
// bounded parse/render work), plain text in, rendered into the base layout by the caller.
import { Liquid } from 'liquidjs';
import { AppError } from '../../http/errors.js';

const engine = new Liquid({
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: false,
  parseLimit: 50_000,
  renderLimit: 1_000,
  memoryLimit: 1_000_000,
  // no file system: {% include %} and {% render %} have nothing to read
  fs: {
    exists: async () => false,
    existsSync: () => false,
    readFile: async () => '',
    readFileSync: () => '',
    resolve: (_root, file) => file,
    contains: async () => false,
  },
  relativeReference: false,
  root: [],
  partials: [],
  layouts: [],
});

export interface TemplateProblem {
  path: string;
  message: string;
}

function problemOf(path: string, err: unknown): TemplateProblem {
  const msg = err instanceof Error ? err.message : String(err);
  const line = /line:(\d+)/.exec(msg)?.[1];
  const reason = msg.replace(/,?\s*line:\d+,\s*col:\d+/, '').split('\n')[0];
  return { path, message: line ? `Line ${line}: ${reason}` : reason };
}

/** Parses subject and body; throws a 400 naming the field, the line and the reason. */
export function checkTemplate(subject: string, body: string): void {
  const problems: TemplateProblem[] = [];
  for (const [path, src] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    try {
      engine.parse(src);
    } catch (err) {
      problems.push(problemOf(path, err));
    }
  }
  if (problems.length) throw new AppError('bad_request', `The template cannot be used. ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

// Parsed templates by source: a mass invitation renders one template thousands of times.
const parsed = new Map<string, ReturnType<typeof engine.parse>>();

export async function renderTemplate(src: string, vars: Record<string, string>): Promise<string> {
  try {
    let tpl = parsed.get(src);
    if (!tpl) {
      tpl = engine.parse(src);
      if (parsed.size >= 200) parsed.clear();
      parsed.set(src, tpl);
    }
    return (await engine.render(tpl, vars)) as string;
  } catch (err) {
    const p = problemOf('template', err);
    throw new AppError('bad_request', `The template cannot be rendered. ${p.message}`, [p]);
  }
}
