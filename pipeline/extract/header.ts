import { squash } from './text.ts';
import { escapeRe, labelWords, TITLE_WORDS, wordsRe } from './form/index.ts';

/** Who, where, when and what kind: read from the form's label cells, label lines and the title. */

const ORG_SUFFIX = /(人民政府|政府|委员会|办公室|局|委|院|中学|小学|学校|幼儿园|中心|站|所|馆|处|队|会|厅|办|部|社|团|镇|乡|街道|场|园)$/;

/** Strips the decorations offices put around a unit name. */
export function cleanUnitName(s: string): string {
  return squash(s)
    .replace(/[（(]\s*(盖章|公章|章)\s*[)）]/g, '')
    .replace(/^[：:|]+|[：:|]+$/g, '')
    .replace(/(填报日期|填报人|联系电话|主要领导|单位负责人).*$/, '')
    .trim();
}

const FUND_AFTER_GOVERNMENT = /^(专项债|债券|采购|性基金|购买|投资|债务)/;

/** A name that reads as an organisation: no digits or labels, ends like one. */
export function isOrgName(name: string): boolean {
  return name.length >= 3 && name.length <= 30 && !/[\d:：,，。；]/.test(name) && ORG_SUFFIX.test(name);
}

/**
 * A unit named in the body before the year it reports on: "(一)南昌市烈士陵园管理处2022年度共有5个项目",
 * "金寨县麻埠镇人民政府2023年度下达…". The name must start with a place.
 */
export function unitFromBody(paragraphs: string[]): string | null {
  for (const p of paragraphs) {
    for (const m of squash(p).matchAll(/(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{1,6}?(?:省|市|州|县|区)[\u4e00-\u9fa5]{2,24}?)\d{4}年/g)) {
      // the name runs right up to the year; "根据南昌市财政局关于开展2022年度…" names no unit
      if (isOrgName(m[1])) return m[1];
    }
  }
  return null;
}

/**
 * The publishing office a portal names above the text (信息来源：区卫生健康局,
 * 发布机构：某局 生成日期：…, 来源单位：…, 2025-04-07 来源:某局).
 */
export function publisherOf(paragraphs: string[]): { name: string; line: string; index: number } | null {
  for (const [index, p] of paragraphs.slice(0, 30).entries()) {
    for (const m of p.matchAll(/(?:信息来源|发布机构|来源单位|发文机关|发布单位|来源)\s*[：:]\s*([^\s|：:]+)/g)) {
      const name = cleanUnitName(m[1]);
      if (isOrgName(name)) return { name, line: p, index };
    }
  }
  return null;
}

const TITLE_RE = wordsRe(TITLE_WORDS);

/** The report's title: the first paragraph near the top that names a self-evaluation. */
export function findTitle(paragraphs: string[]): { text: string; index: number } | null {
  const top = paragraphs.slice(0, 25);
  for (let i = 0; i < top.length; i++) {
    // a portal's field label before the title: 名称：…, 标题：…
    const s = squash(top[i])
      .replace(/^(名称|标题|题目|文章标题)[：:]/, '')
      .replace(/^附件\d*[：:]?/, '')
      .replace(/\.(pdf|docx?|xlsx?|wps)$/i, '');
    if (TITLE_RE.test(s) && s.length <= 80 && !/^《/.test(s) && !/[，。]/.test(s)) {
      // a title split across lines: "2023年度株洲市芦淞区白关镇人民政府" / "整体支出绩效自评报告"
      const prev = i > 0 ? squash(top[i - 1]) : '';
      if (/^(整体|部门|单位|项目|绩效|财政|支出)/.test(s) && prev && prev.length <= 40 && !/[：:，。、]/.test(prev)) return { text: prev + s, index: i };
      return { text: s, index: i };
    }
  }
  return null;
}

/**
 * A unit named in a title: "2021年度天城镇人民政府部门整体绩效自评结果" → 天城镇人民政府;
 * the longest stretch before the form's own words that ends like an organisation.
 */
export function unitFromTitle(title: string): { unit: string | null; rest: string } {
  let s = title.replace(/^[（(]?\d{4}\s*年度?[)）]?/, '');
  const cut = /(部门|单位)?(\(单位\)|（单位）)?(整体支出|整体绩效|整体|项目支出|财政项目|财政预算|预算绩效|绩效自评|绩效评价|自评)|[（(]?\d{4}\s*年/.exec(s);
  const head = cut ? s.slice(0, cut.index) : s;
  let best: string | null = null;
  for (let end = head.length; end >= 2; end--) {
    const candidate = head.slice(0, end);
    // 地方政府专项债券, 政府采购, 政府性基金 name funds, not a government
    if (ORG_SUFFIX.test(candidate) && !FUND_AFTER_GOVERNMENT.test(head.slice(end))) {
      best = candidate;
      break;
    }
  }
  // a county's own fund report: "**河县2023年度中央水利发展资金绩效自评报告"
  if (!best) best = /^[\u4e00-\u9fa5*＊]{1,8}?(县|区|旗)(?=$)/.exec(head)?.[0] ?? null;
  const rest = best ? head.slice(best.length) : head;
  s = best ?? '';
  return { unit: s && !/^\d/.test(s) ? s : null, rest };
}

const UNIT_LINE_LABELS = labelWords('unit', 'implementer');
const UNIT_LINE_RE = new RegExp(
  `(?:^|[\\s|])(?:${UNIT_LINE_LABELS.map(escapeRe).join('|')})\\s*(?:[（(](?:盖章|公章)[)）])?\\s*[：:]\\s*([^\\s|：:]{2,40})`,
);

/** Label lines: 单位名称：…, 部门（单位）名称：…, 部门:…, 项目单位(盖章):… */
export function unitFromLabelLine(paragraph: string): string | null {
  const m = UNIT_LINE_RE.exec(paragraph);
  if (!m) return null;
  const name = cleanUnitName(m[1]);
  return name.length >= 2 && !/^[（(]/.test(name) ? name : null;
}

// ---------------------------------------------------------------- region

const NOT_A_COUNTY = /^(社|小|园|城|景|辖|片|街|山|矿|校|院|病|营|全|本|该|各|新城|地)区$/;
const NOT_A_CITY = /^(城|超|都|门|本|全|该|各)市$/;

/**
 * The region at the start of a unit name: 株洲市渌口区龙潭镇人民政府 → 株洲市渌口区,
 * 临沧市永德县明朗中学 → 临沧市永德县, 红河州第二人民医院 → 红河州, 忠县民政局 → 忠县.
 */
export function regionFromUnit(unit: string): string | null {
  if (/[*＊]/.test(unit)) return null;
  const s = unit.replace(/^(中共|中国共产党|共青团)/, '');
  const m = /^([\u4e00-\u9fa5]{2,6}?省)?([\u4e00-\u9fa5]{1,6}?(?:市|州|盟|地区))?([\u4e00-\u9fa5]{1,6}?(?:县|区|旗|市))?/.exec(s);
  if (!m) return null;
  let city = m[2] ?? '';
  let county = m[3] ?? '';
  if (city && NOT_A_CITY.test(city)) city = '';
  if (county && (NOT_A_COUNTY.test(county) || NOT_A_CITY.test(county) || county.length < 2)) county = '';
  // 忠县 is a county of one character; "X县" only counts at the very start
  if (!city && !county) {
    const one = /^([\u4e00-\u9fa5]县)/.exec(s);
    if (one) county = one[1];
  }
  if (city && county && !s.startsWith(city + county)) county = '';
  const region = city + county;
  return region.length >= 2 ? region : null;
}

/** The most cited county-level place in the text ("崇阳县财政局", "崇阳县“十三五”规划"). */
export function regionFromText(text: string): string | null {
  const counts = new Map<string, number>();
  const re = /([\u4e00-\u9fa5]{2,3}(?:市|州))?([\u4e00-\u9fa5]{2}(?:县|区))(?=财政|县委|区委|人民政府|政府|人民|委员会|“|教育|卫生|民政|水利|交通|农业|全面|[0-9]{4})/g;
  for (const m of text.matchAll(re)) {
    const county = m[2];
    if (NOT_A_COUNTY.test(county.slice(-2)) || /[的和与在及为对把将了]/.test(county)) continue;
    const key = (m[1] && !NOT_A_CITY.test(m[1]) ? m[1] : '') + county;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // "绍兴市柯桥区马鞍医院": a county written with its city is a place whatever follows
  for (const m of text.matchAll(/([\u4e00-\u9fa5]{2,3}(?:市|州))([\u4e00-\u9fa5]{2}(?:县|区))/g)) {
    if (NOT_A_CITY.test(m[1]) || NOT_A_COUNTY.test(m[2].slice(-2)) || /[的和与在及为对把将了]/.test(m[0])) continue;
    if (new RegExp(`${m[0]}(?=财政|县委|区委|人民政府|政府|人民|委员会|“|教育|卫生|民政|水利|交通|农业|全面|[0-9]{4})`).test(text.slice(m.index!))) continue;
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  // fold "X市Y区" and "Y区" together, keep the fullest spelling
  const merged = new Map<string, { name: string; n: number }>();
  for (const [name, n] of counts) {
    const county = name.replace(/^.*?(市|州)(?=.{2,}$)/, '');
    const cur = merged.get(county);
    if (!cur) merged.set(county, { name, n });
    else merged.set(county, { name: name.length > cur.name.length ? name : cur.name, n: cur.n + n });
  }
  let best: { name: string; n: number } | null = null;
  for (const v of merged.values()) if (!best || v.n > best.n) best = v;
  return best ? best.name : null;
}

// ---------------------------------------------------------------- years and dates

/** The evaluated year as the title zone writes it: 2021年度, （2021年度）, (2021年). */
export function yearFromTitleZone(lines: string[]): number | null {
  const zone = lines.map(squash);
  for (const re of [/(\d{4})年度/, /[（(](\d{4})年?[)）]/, /(\d{4})年(?!\d{1,2}月)/]) {
    for (const s of zone) {
      const m = re.exec(s);
      if (m) {
        const y = Number(m[1]);
        if (y >= 2000 && y <= 2100) return y;
      }
    }
  }
  return null;
}

/**
 * The year written beside the form's name where no title line stands alone:
 * "部门整体支出绩效自评表(2021年度)…", "2022年度项目支出绩效自评总报告".
 */
export function yearNearTitleWords(text: string): number | null {
  const flat = text.split('\n').map(squash).join('\n');
  const m =
    /(?:绩效自评表|自评报告|评价报告|自评表)[（(](\d{4})年度?[)）]/.exec(flat) ??
    /(\d{4})年度?[^\n，。；]{0,20}?(?:绩效自评|自评表|自评报告)/.exec(flat);
  const y = m ? Number(m[1]) : null;
  return y && y >= 2000 && y <= 2100 ? y : null;
}

/** 填报日期：2021.5.18, 2025年9月15日 on a line of its own, 报告期:2017-7-25. */
export function findReportDate(groups: readonly (readonly string[])[]): string | null {
  const dateRe = /(\d{4})\s*[年.\-/－]\s*(\d{1,2})\s*[月.\-/－]\s*(\d{1,2})\s*日?/;
  const fmt = (m: RegExpExecArray) => {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  for (const lines of groups) {
    for (const line of lines) {
      // every label holds 日期 or 报告期: other lines skip the regular expression
      if (!line.includes('日期') && !line.includes('报告期')) continue;
      const labelled = /(?:填报日期|报告日期|报告期|日期)\s*[：:]?\s*/.exec(line);
      if (labelled) {
        const m = dateRe.exec(line.slice(labelled.index + labelled[0].length));
        if (m) {
          const d = fmt(m);
          if (d) return d;
        }
      }
    }
  }
  for (const lines of groups) {
    for (const line of lines) {
      // squash keeps 年 where it is and adds none: a line without it is no date line
      if (!line.includes('年')) continue;
      const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(squash(line));
      if (m) return fmt(m);
    }
  }
  return null;
}

/** unit_key: county-level region without its city + unit name without leading places. */
export function unitKeyOf(unit: string | null, region: string | null): string | null {
  if (!unit) return null;
  let name = cleanUnitName(unit).replace(/人民政府$/, '政府').replace(/^(中共|中国共产党)/, '');
  const regionInName = regionFromUnit(name.replace(/^(中共|中国共产党)/, ''));
  if (regionInName && name.startsWith(regionInName)) name = name.slice(regionInName.length);
  const county = region ? region.replace(/^.*?(省|市|州|盟|地区)(?=.{2,}$)/, '') : '';
  if (county && name.startsWith(county)) name = name.slice(county.length);
  // 中共株洲市渌口区委办公室 → 区委办公室, not 委办公室
  if (/^委/.test(name) && county) name = county.slice(-1) + name;
  return `${county}|${name}`;
}
