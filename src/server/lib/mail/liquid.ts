// Operator-edited email templates: liquidjs, sandboxed (own properties only, no file system) and
// bounded (about 50 ms and a small memory budget per render, whatever the template does), plain
// text in, rendered into the base layout by the caller.
import {
  CaptureTag,
  Context,
  Liquid,
  TokenKind,
  Tokenizer,
  filters,
  toValue,
  toValueSync,
  type Emitter,
  type FilterImplOptions,
  type TagToken,
  type Template,
} from 'liquidjs';
import { AppError } from '../../errors.js';

/**
 * liquidjs checks this deadline before every node it renders (each loop iteration included, even
 * with an empty body); a render that misses it is tried once more (renderTemplate), so a template
 * blocks the event loop for about twice this long at most.
 */
export const RENDER_LIMIT_MS = 50;
/**
 * Characters and array items one render may create. liquidjs charges ranges (before building
 * them) and most filters; the guards below charge the rest (every filter's result, every write
 * to the output, every capture), so no string or array outgrows this, and a loop, which needs a
 * range or an array, runs at most about this many times in all.
 */
export const MEMORY_LIMIT = 50_000;
/** Characters per parse: the longest body the API accepts (a subject is at most 300). */
const PARSE_LIMIT = 20_000;
/**
 * Characters in one tag or output (one line of a {% liquid %} tag). liquidjs checks its deadline
 * between nodes, not within one: an `if` of a thousand `and`s, or a chain of hundreds of filters,
 * runs unchecked. A real condition or assignment is a line or two.
 */
const MAX_TAG = 2_000;

const sandbox = {
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: false,
  // no file system: {% include %} and {% render %} have nothing to read
  fs: {
    exists: async () => false,
    existsSync: () => false,
    readFile: async () => '',
    readFileSync: () => '',
    resolve: (_root: string, file: string) => file,
    contains: async () => false,
  },
  relativeReference: false,
  root: [],
  partials: [],
  layouts: [],
};

const engine = new Liquid({ ...sandbox, parseLimit: PARSE_LIMIT, renderLimit: RENDER_LIMIT_MS, memoryLimit: MEMORY_LIMIT });

/** Charges a string's or an array's size to the render's memory budget (throws past it). */
function charge(ctx: Context, value: unknown): void {
  if (typeof value === 'string' || Array.isArray(value)) ctx.memoryLimit.use(value.length);
}

/** liquidjs's own output conversion (SimpleEmitter), for the emitter below. */
function asText(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asText).join('');
  return String(v);
}

/**
 * liquidjs does not charge what a template writes: `{{ s }}` in a nested loop, or a capture that
 * doubles itself, built strings of hundreds of MB within the time limit, flattened later by a
 * `contains` or by the caller. Every write is charged here.
 */
class ChargedEmitter implements Emitter {
  buffer = '';
  constructor(private readonly ctx: Context) {}
  write(html: unknown): void {
    const s = asText(html);
    this.ctx.memoryLimit.use(s.length);
    this.buffer += s;
  }
}

/** {% capture %} renders into its own emitter (not the one passed down): charge it the same way. */
class ChargedCapture extends CaptureTag {
  *render(ctx: Context): Generator<unknown, void, string> {
    const out = new ChargedEmitter(ctx);
    yield this.liquid.renderer.renderTemplates(this.templates, ctx, out);
    ctx.bottom()[this.variable] = out.buffer;
  }
}
engine.registerTag('capture', ChargedCapture);

/**
 * liquidjs checks its deadline only between nodes; the filters that work per item (where_exp,
 * group_by, map, sort by a property...) push, spawn or look up once per item, so they check it
 * here: one long filter call cannot outrun the limit either.
 */
class BoundedContext extends Context {
  private tick(): void {
    this.renderLimit.check(performance.now());
  }
  push(scope: object): number {
    this.tick();
    return super.push(scope);
  }
  spawn(scope?: object): Context {
    this.tick();
    return super.spawn(scope);
  }
  *_getFromScope(...args: Parameters<Context['_getFromScope']>): Generator<unknown, unknown, unknown> {
    this.tick();
    return yield* super._getFromScope(...args);
  }
}

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;

const isIterator = (v: unknown): v is Iterator<unknown> => typeof v === 'object' && v !== null && typeof (v as Iterator<unknown>).next === 'function';

/**
 * Some filters charge nothing (url_encode, uri_escape, slugify... each chained one can triple a
 * string); charging every filter's result keeps any chain inside the budget.
 */
function charged(impl: FilterImplOptions): FilterImplOptions {
  const handler: FilterHandler | undefined = typeof impl === 'function' ? impl : impl.handler;
  if (!handler) return impl;
  const wrapped: FilterHandler = function (this: ThisParameterType<FilterHandler>, ...args: Parameters<FilterHandler>) {
    const out: unknown = handler.apply(this, args);
    const ctx = this.context;
    // sort, where, map... are generators that liquidjs runs; charge what they finally return
    if (isIterator(out)) {
      return (function* () {
        const v: unknown = yield out;
        charge(ctx, v);
        return v;
      })();
    }
    charge(ctx, out);
    return out;
  };
  return typeof impl === 'function' ? wrapped : { ...impl, handler: wrapped };
}
for (const [name, impl] of Object.entries(filters)) engine.registerFilter(name, charged(impl));

export interface TemplateProblem {
  path: string;
  message: string;
}

/** An error's message and the one liquidjs wrapped in it. */
const errorText = (err: unknown) =>
  [err, (err as { originalError?: unknown } | null)?.originalError].map((e) => (e instanceof Error ? e.message : String(e ?? ''))).join('\n');
const TIME_LIMIT = /template render limit exceeded/;
const isTimeLimit = (err: unknown) => TIME_LIMIT.test(errorText(err));

/** What a template that went over a limit is told, by the limit it hit. */
function limitMessage(err: unknown): string | null {
  const text = errorText(err);
  if (TIME_LIMIT.test(text)) return 'This template takes too long to render. Make its loops shorter.';
  if (/memory alloc limit exceeded|Invalid string length|Invalid array length/.test(text))
    return 'This template builds too much text to render. Make its loops shorter.';
  if (/parse length limit exceeded/.test(text)) return `This template is too long (at most ${PARSE_LIMIT.toLocaleString('en')} characters).`;
  if (/Maximum call stack size exceeded/.test(text)) return 'This template nests its tags too deeply.';
  return null;
}

function problemOf(path: string, err: unknown): TemplateProblem {
  const msg = err instanceof Error ? err.message : String(err);
  const line = /line:(\d+)/.exec(msg)?.[1];
  const reason = limitMessage(err) ?? msg.replace(/,?\s*line:\d+,\s*col:\d+/, '').split('\n')[0];
  return { path, message: line ? `Line ${line}: ${reason}` : reason };
}

/** The first tag or output longer than MAX_TAG, as a problem, found with liquidjs's own tokenizer. */
function tooLongTag(path: string, src: string): TemplateProblem | null {
  let tokens: ReturnType<Tokenizer['readTopLevelTokens']>;
  try {
    tokens = new Tokenizer(src, engine.options.operators).readTopLevelTokens(engine.options);
  } catch {
    return null; // the parse reports it, with its line
  }
  for (const t of tokens) {
    if (t.kind === TokenKind.HTML) continue;
    const tag = t as TagToken;
    if (t.kind === TokenKind.Tag && tag.name === '#') continue; // an inline comment is not evaluated
    const parts = t.kind === TokenKind.Tag && tag.name === 'liquid' ? tag.args.split('\n') : [tag.content];
    if (parts.some((part) => part.length > MAX_TAG)) {
      const line = src.slice(0, t.begin).split('\n').length;
      return {
        path,
        message: `Line ${line}: This tag is too long (at most ${MAX_TAG.toLocaleString('en')} characters in one tag or one line of a liquid tag).`,
      };
    }
  }
  return null;
}

/** Parses a source within the limits, or says why not. */
function parseBounded(path: string, src: string): { tpl: Template[] } | { problem: TemplateProblem } {
  const long = tooLongTag(path, src);
  if (long) return { problem: long };
  try {
    return { tpl: engine.parse(src) };
  } catch (err) {
    return { problem: problemOf(path, err) };
  }
}

const cannotBeUsed = (problems: TemplateProblem[]) =>
  new AppError('bad_request', `The template cannot be used. ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

/** Parses subject and body; throws a 400 naming the field, the line and the reason. */
export function checkTemplate(subject: string, body: string): void {
  const problems: TemplateProblem[] = [];
  for (const [path, src] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const r = parseBounded(path, src);
    if ('problem' in r) problems.push(r.problem);
  }
  if (problems.length) throw cannotBeUsed(problems);
}

// Parsed templates by source: a mass invitation renders one template thousands of times.
const parsed = new Map<string, Template[]>();

/**
 * Sources that failed to parse or went over a limit, with the reason: a mass invitation or a
 * reminder sweep would otherwise pay the limit again for every person before falling back to the
 * default. Bounded in size, and forgotten after a while in case a pause of the process (not the
 * template) made a render miss its deadline.
 */
const failed = new Map<string, { at: number; message: string }>();
const FAILED_MAX = 100;
const FAILED_FOR_MS = 60 * 60_000;

function remember(src: string, message: string): void {
  failed.delete(src);
  if (failed.size >= FAILED_MAX) failed.delete(failed.keys().next().value!);
  failed.set(src, { at: Date.now(), message });
}

/** Whether renders of this source fail at once from memory (for tests and logs). */
export function isRememberedAsFailing(src: string): boolean {
  const f = failed.get(src);
  return f !== undefined && Date.now() - f.at < FAILED_FOR_MS;
}

/**
 * Renders one template. `field` names it in the error; `fresh` ignores (and on success clears)
 * the memory of failures, for the editor's checks, which must judge the template as it is now.
 */
export async function renderTemplate(src: string, vars: Record<string, string>, opts: { field?: string; fresh?: boolean } = {}): Promise<string> {
  const path = opts.field ?? 'template';
  if (!opts.fresh && isRememberedAsFailing(src)) throw cannotBeUsed([{ path, message: failed.get(src)!.message }]);
  let tpl = parsed.get(src);
  if (!tpl) {
    const r = parseBounded(path, src);
    if ('problem' in r) {
      remember(src, r.problem.message);
      throw cannotBeUsed([r.problem]);
    }
    tpl = r.tpl;
    if (parsed.size >= 200) parsed.clear();
    parsed.set(src, tpl);
  }
  try {
    let out: string;
    try {
      out = renderOnce(tpl, vars);
    } catch (err) {
      // The deadline is wall time: a pause of the process (a garbage collection, a machine busy with other work) can
      // make a short template miss it once. A template that is really too slow misses it twice.
      if (!isTimeLimit(err)) throw err;
      out = renderOnce(tpl, vars);
    }
    if (opts.fresh) failed.delete(src);
    return out;
  } catch (err) {
    const p = problemOf(path, err);
    if (limitMessage(err)) remember(src, p.message);
    throw cannotBeUsed([p]);
  }
}

/**
 * Synchronous: nothing here waits on I/O, and the async renderer spends several times longer in promises for the same
 * work (the event loop is blocked either way).
 */
function renderOnce(tpl: Template[], vars: Record<string, string>): string {
  const ctx = new BoundedContext(vars, engine.options, { sync: true }, { liquid: engine });
  const out = new ChargedEmitter(ctx);
  toValueSync(engine.renderer.renderTemplates(tpl, ctx, out));
  return out.buffer;
}
