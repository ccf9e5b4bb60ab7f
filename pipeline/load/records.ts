import type { Report } from '../extract/report.ts';
import type { Row } from './tables.ts';

/**
 * One extracted report → its rows in every warehouse table.
 * Pure: no I/O, so the same function serves the build, workers and tests.
 */

export interface FileFacts {
  reportId: string;
  fileName: string;
  path: string;
  format: string;
  encoding: string | null;
  /** .docx: the reader that read it (ooxml, or mammoth by choice or for a construct the direct reader leaves to it) */
  reader?: string | null;
  readerReason?: string | null;
  /** what the reader left out or went through (hidden sheets, conversion); null when nothing */
  readNotes?: string | null;
  contentHash: string;
  sizeBytes: number;
  fileMtime: Date;
  parserVersion: string;
}

export type ReportRows = Record<
  'reports' | 'budget_lines' | 'funding' | 'spending' | 'projects' | 'indicator_tables' | 'indicators' | 'amounts' | 'sum_statements' | 'year_mentions' | 'sections' | 'text_findings' | 'field_sources' | 'report_texts',
  Row[]
>;

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

export function reportRows(file: FileFacts, report: Report, supersededBy: string | null): ReportRows {
  const id = file.reportId;
  return {
    reports: [
      {
        report_id: id,
        file_name: file.fileName,
        path: file.path,
        format: file.format,
        encoding: file.encoding,
        reader: file.reader ?? null,
        reader_reason: file.readerReason ?? null,
        read_notes: file.readNotes ?? null,
        content_hash: file.contentHash,
        size_bytes: file.sizeBytes,
        file_mtime: file.fileMtime,
        title: report.title,
        unit: report.unit,
        unit_key: report.unitKey,
        region: report.region,
        fiscal_year: report.fiscalYear,
        fiscal_year_source: report.fiscalYearSource,
        kind: report.kind,
        project: report.project,
        report_date: report.reportDate ? new Date(`${report.reportDate}T00:00:00Z`) : null,
        self_score: report.selfScore,
        has_problems_section: report.sections.some((s) => s.kind === 'problems'),
        superseded_by: supersededBy,
        is_current: supersededBy === null,
        parser_version: file.parserVersion,
      },
    ],
    budget_lines: report.budgetLines.map((b, i) => ({
      report_id: id,
      project: b.project,
      line_no: i,
      source: b.source,
      initial_budget: b.initialBudget,
      full_year_budget: b.fullYearBudget,
      adjustment: b.adjustment,
      actual: b.actual,
      weight: b.weight,
      exec_rate_pct: b.execRatePct,
      score: b.score,
      evidence: b.evidence,
      location: b.location,
    })),
    funding: report.funding.map((f) => ({
      report_id: id,
      project: f.project,
      source_key: f.sourceKey,
      label: f.label,
      amount: f.amount,
      origin: f.origin,
      evidence: f.evidence,
    })),
    spending: report.spending.map((s) => ({
      report_id: id,
      project: s.project,
      nature: s.nature,
      label: s.label,
      amount: s.amount,
      origin: s.origin,
      evidence: s.evidence,
    })),
    projects: report.projects.map((p) => ({
      report_id: id,
      project: p.name,
      table_no: p.tableNo,
      indicator_count: report.indicators.filter((ind) => ind.tableNo === p.tableNo).length,
    })),
    indicator_tables: report.indicatorTables.map((t) => ({
      report_id: id,
      project: t.project,
      table_no: t.tableNo,
      total_weight: t.totalWeight,
      total_score: t.totalScore,
      total_score_text: t.totalScoreText,
      has_total_row: t.hasTotalRow,
      location: t.location,
    })),
    indicators: report.indicators.map((ind) => ({
      report_id: id,
      project: ind.project,
      table_no: ind.tableNo,
      row_no: ind.rowNo,
      source: ind.source,
      level1: ind.level1,
      level1_weight_stated: ind.level1WeightStated,
      level2: ind.level2,
      name: ind.name,
      target_text: ind.targetText,
      target_comparator: ind.target.comparator,
      target_number: ind.target.number,
      target_unit: ind.target.unit,
      actual_text: ind.actualText,
      actual_comparator: ind.actual.comparator,
      actual_number: ind.actual.number,
      actual_unit: ind.actual.unit,
      actual_is_range: ind.actual.isRange,
      actual_year: ind.actualYear,
      weight: ind.weight,
      weight_text: ind.weightText,
      score: ind.score,
      score_text: ind.scoreText,
      deviation: ind.deviation,
      evidence: ind.evidence,
      location: ind.location,
    })),
    amounts: report.amounts.map((a) => ({
      report_id: id,
      char_offset: a.offset,
      label: a.label,
      amount: a.amount,
      original_text: a.originalText,
      unit_written: a.unitWritten,
      comparator: a.comparator,
      sentence: a.sentence,
    })),
    sum_statements: report.sumStatements.map((s, i) => {
      const parts = s.parts.filter((p) => p.role === 'part' && p.amount !== null).map((p) => p.amount as number);
      const carry = s.parts.filter((p) => p.role === 'carryover' && p.amount !== null).map((p) => p.amount as number);
      return {
        report_id: id,
        statement_no: i,
        origin: s.origin,
        total_label: s.totalLabel,
        total: s.total,
        parts_sum: sum(parts),
        parts_count: parts.length,
        carryover_sum: sum(carry),
        declared_complete: s.declaredComplete,
        parts_text: s.parts.map((p) => `${p.label} ${p.amount ?? '—'}${p.role === 'carryover' ? '（结转）' : ''}`).join('；'),
        evidence: s.evidence,
        location: s.location,
      };
    }),
    year_mentions: report.yearMentions.map((y) => ({ report_id: id, char_offset: y.offset, year: y.year, role: y.role, snippet: y.snippet })),
    sections: report.sections.map((s) => ({ report_id: id, kind: s.kind, heading: s.heading, text: s.text })),
    text_findings: report.textFindings.map((t) => ({ report_id: id, kind: t.kind, value: t.value, context: t.context, char_offset: t.offset })),
    field_sources: report.fieldSources.map((f) => ({
      report_id: id,
      project: f.project,
      field: f.field,
      value: f.value,
      source: f.source,
      strategy: f.strategy,
      location: f.location,
      evidence: f.evidence,
      reason: f.reason,
    })),
    report_texts: [{ report_id: id, text: report.text }],
  };
}
