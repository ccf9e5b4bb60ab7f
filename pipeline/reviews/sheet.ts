import { z } from 'zod';

/**
 * The review sheet (`复核`): its columns, shared by the export that writes it and
 * the import that reads reviewers' decisions back. Columns are found by their
 * header text, so a reviewer may reorder or hide columns without breaking the import.
 */

export const SHEET_NAME = '复核';

/** Decisions a reviewer can record; 待复核 means nobody has decided yet. */
export const REVIEW_STATUSES = ['待复核', '属实', '误报', '已整改'] as const;
type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const PENDING: ReviewStatus = '待复核';
export const CONFIRMED: ReviewStatus = '属实';
export const CORRECTED: ReviewStatus = '已整改';

interface SheetColumn {
  key: string;
  header: string;
  width: number;
  /** filled by the reviewer (the import reads these) */
  reviewer?: boolean;
}

export const COLUMNS: SheetColumn[] = [
  { key: 'flag_key', header: 'flag_key', width: 34 },
  { key: 'unit', header: '单位', width: 28 },
  { key: 'fiscal_year', header: '年度', width: 7 },
  { key: 'project', header: '项目', width: 22 },
  { key: 'rule', header: '规则', width: 22 },
  { key: 'severity', header: '严重程度', width: 9 },
  { key: 'message', header: '说明', width: 60 },
  { key: 'evidence', header: '依据', width: 60 },
  { key: 'status', header: '复核结论', width: 11, reviewer: true },
  { key: 'deduction', header: '扣分', width: 7, reviewer: true },
  { key: 'comment', header: '复核意见', width: 40, reviewer: true },
  { key: 'reviewer', header: '复核人', width: 10, reviewer: true },
  { key: 'reviewed_at', header: '复核日期', width: 12, reviewer: true },
];

export { SEVERITY_ZH } from '../models/severity.ts';

/** One reviewer row after its cells were read as plain values (validation in decisionSchema). */
export const decisionSchema = z.object({
  flag_key: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{32}$/, 'flag_key 应为 32 位十六进制标记键（请勿修改该列）'),
  status: z.enum(REVIEW_STATUSES, { error: `复核结论只能是 ${REVIEW_STATUSES.join(' / ')}` }),
  deduction: z.number({ error: '扣分须为数字' }).min(0, '扣分不能为负数').max(100, '扣分不能超过 100').nullable(),
  comment: z.string().max(4000, '复核意见过长（超过 4000 字）').nullable(),
  reviewer: z.string().max(100, '复核人过长').nullable(),
  reviewed_at: z.date().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;
