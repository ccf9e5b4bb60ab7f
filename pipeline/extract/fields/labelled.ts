import { bareLabel, labelFieldOf, type LabelField } from '../form/index.ts';
import type { FormRow } from '../rows/model.ts';
import { rowLocation } from '../rows/model.ts';
import { squash } from '../text.ts';

interface LabelledValue {
  field: LabelField;
  label: string;
  value: string;
  row: FormRow;
}

/**
 * Label cells of the form (单位名称, 项目实施单位, …) and the cell after each, in
 * every layout's rows. A value that is itself a label (a header row of labels) is none.
 */
export function labelledValues(rows: FormRow[], fields: LabelField[]): LabelledValue[] {
  const out: LabelledValue[] = [];
  for (const row of rows) {
    const cells = row.cells;
    for (let i = 0; i < cells.length - 1; i++) {
      const field = labelFieldOf(cells[i]);
      if (!field || !fields.includes(field)) continue;
      let value = cells[i + 1];
      // run-on text: the value ends at the sentence or field's end
      if (row.origin === 'runon') value = value.split(/[，。；|]/)[0];
      if (!value || labelFieldOf(value) || /名称/.test(squash(value))) continue;
      out.push({ field, label: bareLabel(cells[i]), value, row });
    }
  }
  return out;
}

export const labelledEvidence = (lv: LabelledValue) => `${lv.label}：${lv.value}`;
export const labelledLocation = (lv: LabelledValue) => rowLocation(lv.row);
