import { describe, expect, it } from 'vitest';
import { lineCells, lineRows, runOnRows, tableRows } from '../../pipeline/extract/rows/sources.ts';
import { rowLocation } from '../../pipeline/extract/rows/model.ts';

const paras = (...texts: string[]) => texts.map((text, i) => ({ text, offset: i * 100 }));

describe('row sources', () => {
  it('turns a table into rows, keeping empty cells in their place', () => {
    const rows = tableRows({ tableNo: 2, rows: [['单位名称', '某局'], ['年度资金总额', '', '100']], raw: [] }, 0);
    expect(rows.map((r) => r.cells)).toEqual([['单位名称', '某局'], ['年度资金总额', '', '100']]);
    expect(rows[1].keepsEmpty).toBe(true);
    expect(rowLocation(rows[1])).toBe('表3 第2行');
  });

  it('splits a line into cells at tabs, wide gaps and spaces beside figures', () => {
    expect(lineCells('年度资金总额\t100\t100\t90')).toEqual(['年度资金总额', '100', '100', '90']);
    expect(lineCells('年度资金总额  43.2   43.2  37.24 10 86% 9')).toEqual(['年度资金总额', '43.2', '43.2', '37.24', '10', '86%', '9']);
    expect(lineCells('单位名称　某县某局')).toEqual(['单位名称', '某县某局']);
    expect(lineCells('某县 某局')).toEqual(['某县某局']);
  });

  it('reads a table printed one cell per line as one row of its cells', () => {
    const rows = lineRows(paras('项目名称', '某项目', '实施单位', '某县某中学', '年度资金总额', '43.2', '这是一段很长的正文说明，讲述了项目的实施情况和取得的成效。后面还有很多内容。'));
    expect(rows).toHaveLength(1);
    expect(rows[0].cells).toEqual(['项目名称', '某项目', '实施单位', '某县某中学', '年度资金总额', '43.2']);
    expect(rows[0].origin).toBe('lines');
  });

  it('gives no row for short lines without a label of the form', () => {
    expect(lineRows(paras('一、基本情况', '（一）概况', '二、成效'))).toEqual([]);
  });

  it('cuts a run-on form before each word of the vocabulary', () => {
    const [row] = runOnRows(paras('项目名称某工程主管部门某县卫生健康委项目实施单位某县中心医院项目类别'));
    expect(row.cells).toEqual(['项目名称', '某工程', '主管部门', '某县卫生健康委', '项目实施单位', '某县中心医院', '项目类别']);
    expect(runOnRows(paras('本年度我单位认真落实各项工作，成效明显。'))).toEqual([]);
  });
});
