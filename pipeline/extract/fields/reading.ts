/**
 * A field reader is an ordered list of strategies. Each strategy returns a
 * reading (the value, the kind of source, where it stands and the text read),
 * a refusal (two readings remain: store none and say why), or nothing (try the next).
 */

export type SourceKind = 'table' | 'lines' | 'runon' | 'label_line' | 'title' | 'prose' | 'metadata' | 'report_date' | 'file_name' | 'derived';

export interface Reading<T> {
  value: T;
  source: SourceKind;
  location: string;
  evidence: string;
  /** the strategy that read it */
  strategy: string;
}

export interface Refusal {
  refused: string;
  evidence?: string;
  location?: string;
}

export interface Strategy<C, T> {
  name: string;
  read: (ctx: C) => Omit<Reading<T>, 'strategy'> | Refusal | null;
}

export interface FieldOutcome<T> {
  field: string;
  project: string | null;
  reading: Reading<T> | null;
  /** why no value was stored (no strategy found one, or the readings disagree) */
  reason: string | null;
  evidence?: string;
  location?: string;
}

const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;

/** Runs the strategies in order; the first reading or refusal decides. */
export function readField<C, T>(field: string, ctx: C, strategies: Strategy<C, T>[], notFound: string, project: string | null = null): FieldOutcome<T> {
  for (const s of strategies) {
    const got = s.read(ctx);
    if (got === null) continue;
    if (isRefusal(got)) return { field, project, reading: null, reason: got.refused, evidence: got.evidence, location: got.location };
    return { field, project, reading: { ...got, strategy: s.name }, reason: null };
  }
  return { field, project, reading: null, reason: notFound };
}

export const valueOf = <T>(o: FieldOutcome<T>): T | null => o.reading?.value ?? null;
