import type { DuckDBConnection } from '@duckdb/node-api';
import { maskPersonalNumbers } from '../extract/mask.ts';
import { plain, type PlainRow, type PlainValue } from '../load/query.ts';
import { severityRankSql } from '../models/severity.ts';

/**
 * Every flag as the pages and downloads show it: the report's unit, region, year and path, the rule's
 * Chinese title and the flag's place as a reviewer finds it in Word — "表n 第m行（三级指标「…」）" for
 * tables, "「section heading」下，第k段" for prose (paragraphs counted as in the unit page's text view).
 * Rows are read in chunks, so no caller holds every flag at once.
 */

// a section heading: 一、 / （三） / 第二部分 / 5、, short, one line, no sentence end, no table cells
const HEADING = `'^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|（[0-9]+）|[0-9]+、)'`;

export const FLAG_SQL = `
  with located as (
    select a.*, try_cast(regexp_extract(a.location, '^(?:正文第|字符)([0-9]+)', 1) as bigint) as char_offset
    from anomalies a
  ), prose as (
    select l.flag_key, string_split(left(t.text, l.char_offset::bigint + 1), chr(10)) as lines
    from located l join report_text t using (report_id) where l.char_offset is not null
  ), placed as (
    select l.*,
      case when l.char_offset is not null then
          coalesce('「' || trim(list_filter(p.lines, x -> regexp_matches(trim(x), ${HEADING}) and length(trim(x)) <= 30
                   and not regexp_matches(trim(x), '。.') and not contains(x, chr(9)))[-1]) || '」下，', '正文')
          || '第' || len(list_filter(p.lines, x -> trim(x) <> '')) || '段'
        else l.location end
      || coalesce('（三级指标「' || nullif(i.name, '') || '」）', '') as place,
      case when l.char_offset is not null then len(list_filter(p.lines, x -> trim(x) <> '')) end as paragraph
    from located l left join prose p using (flag_key)
    left join (select report_id, location, any_value(name) as name from report_indicators group by all) i
      on i.report_id = l.report_id and i.location = l.location
  )
  select f.flag_key as key, f.report_id as id, r.unit, r.region, r.fiscal_year as year, r.kind, r.path, f.project,
         f.rule_id as rule, coalesce(ru.title, f.rule_id) as rule_title, f.severity, f.subject, f.measured, f.measured_text,
         f.threshold, f.message, f.evidence, f.location, f.place, f.paragraph, f.char_offset as text_offset,
         f.review_status as status, f.review_deduction as deduction, f.review_comment as comment, f.consecutive_years as streak
  from placed f join report_files r using (report_id) left join rules ru on ru.rule_id = f.rule_id`;

export const FLAG_ORDER = `order by ${severityRankSql('severity')}, unit, id, rule, key`;

/**
 * Identifiers are hex digests, and about one in 1,700 holds eleven decimal digits that read as a mobile
 * number: masked, its report's file and links would point nowhere. They carry no personal number.
 */
export const IDENTIFIER_COLUMNS: ReadonlySet<string> = new Set(['id', 'key', 'last_id', 'report_id', 'flag_key']);

/** Whether the text has 11 digits (ASCII or full-width), the fewest any masked number has (a mobile number). */
function mayHoldPersonalNumber(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      if (++digits >= 11) return true;
    }
  }
  return false;
}

/** One value as it leaves for the site: text masked, identifiers as they are (also inside a `years` list). */
export function maskValue(column: string, value: PlainValue): PlainValue {
  if (typeof value !== 'string' || IDENTIFIER_COLUMNS.has(column)) return value;
  // most values (names, places, short figures) have too few digits to hold one: skip the full scan
  if (!mayHoldPersonalNumber(value)) return value;
  if (column === 'years') {
    // the report file's year-over-year entries (JSON text): mask their text, keep their ids
    const entries = JSON.parse(value) as Record<string, PlainValue>[] | null;
    return entries === null ? value : JSON.stringify(entries.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, maskValue(k, v)]))));
  }
  return maskPersonalNumbers(value);
}

const maskRow = (row: Record<string, unknown>): PlainRow =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, maskValue(k, plain(v))]));

/** Rows of a query in chunks of about 2,000, personal numbers masked. */
export async function* streamRows(connection: DuckDBConnection, sql: string): AsyncGenerator<PlainRow[]> {
  const result = await connection.stream(sql);
  for await (const chunk of result.yieldRowObjects()) yield chunk.map(maskRow);
}
