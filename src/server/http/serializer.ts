// Answers through Fastify's compiled serializer: a route's zod answer schema becomes JSON Schema once
// and fast-json-stringify writes each answer from it, instead of zod checking every row of it on the
// way out. Schemas it cannot write exactly as zod would fall back to zod.
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Schema = z.ZodType | { properties: z.ZodType };
type Serialize = (data: unknown) => string;
type JsonSchema = Record<string, unknown>;

/** Keywords that only validate: fast-json-stringify would ignore them or, for `format`, write dates its own way. */
const VALIDATION_ONLY = new Set([
  '$schema',
  'title',
  'description',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'propertyNames',
  'enum',
  'contentEncoding',
  'contentMediaType',
  // zod's encode does not apply defaults (a missing value is an error), so they never shape an answer
  'default',
]);

/** Thrown for a shape this module does not write itself (unions, references, tuples...): zod writes it. */
class Unsupported extends Error {}

const isAny = (s: unknown) => typeof s === 'object' && s !== null && Object.keys(s).length === 0;

/**
 * The JSON Schema fast-json-stringify compiles, from zod's output view of the answer: what only
 * validates is dropped, `X | null` becomes `nullable`, and `required` keeps only the leading run of
 * required properties, because fast-json-stringify writes required properties first and zod writes
 * them in the schema's order.
 */
export function serializationSchema(node: unknown): JsonSchema | boolean {
  if (typeof node === 'boolean') return node;
  if (typeof node !== 'object' || node === null) throw new Unsupported('not a schema');
  const s = Object.fromEntries(Object.entries(node).filter(([k]) => !VALIDATION_ONLY.has(k)));
  if (Array.isArray(s.anyOf) && Object.keys(s).length === 1) {
    const branches = s.anyOf as JsonSchema[];
    const others = branches.filter((b) => !(b.type === 'null' && Object.keys(b).length === 1));
    if (branches.length === 2 && others.length === 1) return { ...(serializationSchema(others[0]) as JsonSchema), nullable: true };
    throw new Unsupported('a union');
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    switch (key) {
      case 'type':
        if (Array.isArray(value)) {
          const types = value.filter((t) => t !== 'null');
          if (types.length !== 1) throw new Unsupported('several types');
          out.type = types[0];
          if (types.length < value.length) out.nullable = true;
        } else out.type = value;
        break;
      case 'const':
        out.const = value;
        break;
      case 'items':
        if (Array.isArray(value)) throw new Unsupported('a tuple');
        out.items = serializationSchema(value);
        break;
      case 'additionalProperties':
        out.additionalProperties = serializationSchema(value);
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, serializationSchema(v)]));
        break;
      case 'required':
        break;
      default:
        throw new Unsupported(`the keyword ${key}`);
    }
  }
  if (out.properties) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const lead: string[] = [];
    // a required `unknown` may still be undefined (zod leaves it out), so it ends the run too
    for (const [k, v] of Object.entries(out.properties as JsonSchema)) {
      if (!required.has(k) || isAny(v)) break;
      lead.push(k);
    }
    if (lead.length) out.required = lead;
  }
  return out;
}

/** Compiled serializers by zod schema, for the process: module-level schemas are compiled once. */
const compiled = new WeakMap<object, Serialize | null>();

/** fast-json-stringify's serializer for a zod schema, or null when zod must write it. */
export function fastSerializer(schema: z.ZodType): Serialize | null {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  let fn: Serialize | null = null;
  try {
    // unrepresentable shapes (dates, transforms...) throw: zod writes those
    const json = serializationSchema(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }));
    if (typeof json === 'object') fn = fastJson(json as unknown as Parameters<typeof fastJson>[0]) as Serialize;
  } catch {
    fn = null;
  }
  compiled.set(schema, fn);
  return fn;
}

export interface SerializerOptions {
  /**
   * Also write each answer with zod and refuse a difference (tests): zod still checks every answer
   * of the test suite, and the two writers are proven to agree on all of them.
   */
  check?: boolean;
}

/** Fastify's serializer compiler for zod answer schemas; each route's serializer is compiled at its first answer. */
export function answerSerializerCompiler(opts: SerializerOptions = {}): FastifySerializerCompiler<Schema> {
  return (route) => {
    // first, so that a schema zod cannot take fails at startup as it always has
    const viaZod = zodSerializerCompiler(route);
    const zodSchema = route.schema instanceof z.ZodType ? route.schema : route.schema.properties;
    let write: Serialize | undefined;
    return (data) => {
      write ??= fastSerializer(zodSchema) ?? viaZod;
      const json = write(data);
      if (opts.check && write !== viaZod) {
        const expected = viaZod(data);
        if (json !== expected) throw new Error(`${route.method} ${route.url} ${route.httpStatus}: the compiled answer ${json} differs from zod's ${expected}`);
      }
      return json;
    };
  };
}
