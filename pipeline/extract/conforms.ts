import type { z } from 'zod';

/**
 * A quick test that a value already is what `schema.parse` would give back: every object with
 * exactly its schema's keys in the schema's order, every value of its type, every number finite
 * and within its checks, every string matching its pattern, every enum value one of its values.
 * Then parse would return a copy equal to the value itself, so the value can be kept. A value the
 * test is not sure of (any kind of schema or check it does not know) fails it: parse decides
 * there (it copies, drops keys of no schema, or throws), so nothing parse guarantees is lost.
 * The extraction's own reports pass; the test allocates nothing where parse copies every object.
 */
export type Conforms = (value: unknown) => boolean;

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: CheckDef } }[];
};
type CheckDef = { check: string; format?: string; pattern?: RegExp; value?: unknown; inclusive?: boolean };

const never: Conforms = () => false;

function numberChecks(checks: CheckDef[]): Conforms {
  const tests: ((n: number) => boolean)[] = [];
  for (const c of checks) {
    if (c.check === 'number_format' && c.format === 'safeint') tests.push(Number.isSafeInteger);
    else if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
      const bound = c.value;
      if (c.check === 'greater_than') tests.push(c.inclusive ? (n) => n >= bound : (n) => n > bound);
      else tests.push(c.inclusive ? (n) => n <= bound : (n) => n < bound);
    } else return never;
  }
  // zod's number takes no NaN and no infinity
  if (!tests.length) return (v) => typeof v === 'number' && Number.isFinite(v);
  return (v) => typeof v === 'number' && Number.isFinite(v) && tests.every((t) => t(v));
}

function stringChecks(checks: CheckDef[]): Conforms {
  const patterns: RegExp[] = [];
  for (const c of checks) {
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp && !c.pattern.global && !c.pattern.sticky) patterns.push(c.pattern);
    else return never;
  }
  if (!patterns.length) return (v) => typeof v === 'string';
  return (v) => typeof v === 'string' && patterns.every((p) => p.test(v));
}

function objectOf(shape: Record<string, z.ZodType>): Conforms {
  const keys = Object.keys(shape);
  const tests = keys.map((k) => conformsTo(shape[k]));
  return (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const o = v as Record<string, unknown>;
    let i = 0;
    for (const k in o) {
      if (k !== keys[i] || !tests[i](o[k])) return false;
      i++;
    }
    return i === keys.length;
  };
}

/** The quick test for `schema` (made once per schema: it is a tree of small functions). */
export function conformsTo(schema: z.ZodType): Conforms {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'object':
      return checks.length || !def.shape ? never : objectOf(def.shape);
    case 'array': {
      if (checks.length || !def.element) return never;
      const element = conformsTo(def.element);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'nullable': {
      if (!def.innerType) return never;
      const inner = conformsTo(def.innerType);
      return (v) => v === null || inner(v);
    }
    case 'number':
      return numberChecks(checks);
    case 'string':
      return stringChecks(checks);
    case 'boolean':
      return checks.length ? never : (v) => typeof v === 'boolean';
    case 'enum': {
      if (checks.length || !def.entries) return never;
      const values = new Set(Object.values(def.entries));
      return (v) => (typeof v === 'string' || typeof v === 'number') && values.has(v);
    }
    default:
      return never;
  }
}
