import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { documentToDocx } from '../samples/generate-docx.ts';
import { DEPARTMENT_ONLY, layoutReport, planReport, TIER1_RULES, TIER2_RULES, type Injection, type UnitSpec } from './generate.ts';
import { countyNarrative, countyTemplate, passagesOf, type CountyTemplate } from './county.ts';
import { crossUnitKey } from './cross-unit-key.ts';
import { Random } from './random.ts';
import { peerOutliers, unitTypeOf, type PeerFigures } from './peers.ts';
import { ruleSettingsSchema } from '../models/settings.ts';
import { documentToTxt } from './txt.ts';

/**
 * `npm run corpus -- --reports N --out DIR`: N synthetic reports written one by
 * one (memory does not grow with N), most of them clean, the rest with injected
 * anomalies of every tier-1 and most tier-2 rules, and `answer-key.json` listing them.
 * `--county`: units in five counties, most of them writing from their county's
 * template (shared indicator names and narrative, renamed, some sentences their
 * own, another unit's name left in a few). duplicate_text and
 * boilerplate_indicators enter the key by their definitions over what was written.
 */

const options = z
  .object({
    reports: z.coerce.number().int().min(1),
    out: z.string().min(1),
    seed: z.coerce.number().int().default(1),
    txtShare: z.coerce.number().min(0).max(1).default(0.1),
    anomalyShare: z.coerce.number().min(0).max(1).default(0.3),
    tier2Share: z.coerce.number().min(0).max(1).default(0.5),
    county: z.boolean().default(false),
  })
  .parse(
    new Command()
      .requiredOption('--reports <n>', 'number of reports')
      .requiredOption('--out <dir>', 'output folder')
      .option('--seed <n>', 'random seed', '1')
      .option('--txt-share <x>', 'share written as .txt', '0.1')
      .option('--anomaly-share <x>', 'share of reports with injected anomalies', '0.3')
      .option('--tier2-share <x>', 'share of the injected reports whose injection is a tier-2 rule', '0.5')
      .option('--county', 'county mode: few counties whose units share a template and most of their text')
      .parse()
      .opts(),
  );

const REGIONS: [string, string][] = [
  ['株洲市', '渌口区'], ['株洲市', '芦淞区'], ['株洲市', '荷塘区'], ['常德市', '桃源县'], ['常德市', '汉寿县'], ['咸宁市', '崇阳县'],
  ['咸宁市', '通山县'], ['岳阳市', '平江县'], ['邵阳市', '隆回县'], ['衡阳市', '衡山县'], ['永州市', '零陵区'], ['怀化市', '辰溪县'],
  ['益阳市', '桃江县'], ['郴州市', '汝城县'], ['娄底市', '新化县'], ['湘潭市', '湘乡市'], ['黄石市', '阳新县'], ['宜昌市', '秭归县'],
  ['襄阳市', '谷城县'], ['孝感市', '大悟县'],
];
// place names from two syllables, so towns in different counties rarely share a name
const FIRST = '龙白郑天石青桃金长新双南高清东西马凤花太黄柳杨梅松竹荷兰云雁鹤泉溪峰岭湾塘坪桥';
const SECOND = '潭关驿城门山花鸡乐桥峰岳桥水湖河鞍凰园平田坡冲铺市港口洲坝寨堡集镇亭';
const placeName = (i: number) => FIRST[(i * 7) % FIRST.length] + SECOND[(i * 13 + Math.floor(i / FIRST.length)) % SECOND.length];
const BUREAUS = ['农业农村局', '水利局', '教育局', '民政局', '文化旅游广电局', '自然资源局', '卫生健康局', '交通运输局'];

/** Several units per region: towns, bureaus, schools and health centres (county mode: five counties). */
function units(rnd: Random, count: number): UnitSpec[] {
  const out: UnitSpec[] = [];
  const taken = new Set<string>();
  const regions = options.county ? REGIONS.slice(0, 5) : REGIONS;
  for (let i = 0; out.length < count; i++) {
    const [city, region] = regions[i % regions.length];
    const place = placeName(i);
    const kind = rnd.int(0, 9);
    const name = kind < 6 ? `${place}镇人民政府` : kind < 8 ? BUREAUS[i % BUREAUS.length] : kind === 8 ? `${place}中学` : `${place}镇卫生院`;
    // one unit per name and county: two would be read as one unit submitting twice
    if (taken.has(region + name) || taken.has(region + place)) {
      if (i > count * 50) throw new Error('not enough distinct unit names');
      continue;
    }
    taken.add(region + name);
    taken.add(region + place);
    out.push({ city, region, name, keyword: kind < 6 || kind > 7 ? place : region.slice(0, 2) + BUREAUS[i % BUREAUS.length].slice(0, 2) });
  }
  return out;
}

// reports in DIR/reports, the key beside them, so a build reads only reports
const root = resolve(options.out);
const out = join(root, 'reports');
mkdirSync(out, { recursive: true });
const rnd = new Random(options.seed);
// about four fiscal years per unit
const unitList = units(rnd, Math.max(1, Math.ceil(options.reports / 4)));
// county mode: each county's template, and which units write from it
const templates = new Map<string, CountyTemplate>();
const templateUnits = new Map<string, string[]>();
if (options.county) {
  for (const u of unitList) {
    if (!templates.has(u.region)) templates.set(u.region, countyTemplate(rnd, u.region));
    if (rnd.chance(0.7)) {
      u.templateNames = templates.get(u.region)!.names;
      templateUnits.set(u.region, [...(templateUnits.get(u.region) ?? []), `${u.city}${u.region}${u.name}`]);
    }
  }
}
const passagesByReport: { unit: string; passages: string[] }[] = [];
const tablesByReport: { unit: string; tables: string[][] }[] = [];
const key: { file: string; rule: Injection | 'peer_outlier' }[] = [];
const peerFigures: PeerFigures[] = [];
const files: string[] = [];
let pendingDuplicate: { text: string; file: string; unit: string } | null = null;
const seen = new Set<string>();

for (let i = 0; i < options.reports; i++) {
  const unit = unitList[i % unitList.length];
  const year = 2019 + Math.floor(i / unitList.length) % 6;
  let kind: 'department' | 'project' = rnd.chance(0.25) ? 'project' : 'department';
  // the same unit, year and kind twice would be a resubmission: make it a project report instead
  if (seen.has(`${unit.name}${unit.region}${year}${kind}`)) kind = 'project';
  seen.add(`${unit.name}${unit.region}${year}${kind}`);
  const injections: Injection[] = [];
  if (rnd.chance(options.anomalyShare)) {
    // two injections need the department form: project tables side by side, and the 基本/项目 spending sentence
    const tier2 = TIER2_RULES.filter((r) => (r !== 'cost_indicator_missing' || year >= 2022) && (kind === 'department' || !DEPARTMENT_ONLY.includes(r)));
    const primary = rnd.chance(options.tier2Share)
      ? rnd.pick(tier2)
      : rnd.pick(TIER1_RULES.filter((r) => kind === 'department' || (r !== 'boilerplate_indicators' && r !== 'sum_mismatch')));
    injections.push(primary);
    const second = rnd.pick(['pii_published', 'template_residue', 'year_mismatch'] as const);
    if (rnd.chance(0.2) && second !== primary) injections.push(second);
  }
  const plan = planReport(rnd, unit, year, kind, injections);
  const ext = rnd.chance(options.txtShare) ? 'txt' : 'docx';
  const file = `${String(i + 1).padStart(6, '0')}_${unit.region}_${unit.name}_${year}${kind === 'project' ? '_项目' : ''}.${ext}`;
  // a long passage copied from another unit's report: both reports share it
  let duplicate: string | null = null;
  if (pendingDuplicate && pendingDuplicate.unit !== unit.name + unit.region) {
    duplicate = pendingDuplicate.text;
    pendingDuplicate = null;
  } else if (!pendingDuplicate && rnd.chance(0.02)) {
    duplicate = `${unit.keyword}在${plan.tables[0].project ?? '重点工作'}中创新推行网格化加积分制管理模式，组织专人逐户走访${rnd.int(200, 900)}户，建立问题台账${rnd.int(20, 90)}项并逐项销号，群众反映的突出问题得到有效解决。`;
    pendingDuplicate = { text: duplicate, file, unit: unit.name + unit.region };
  }
  if (unit.templateNames) plan.narrative = countyNarrative(rnd, templates.get(unit.region)!, unit, templateUnits.get(unit.region)!);
  const doc = layoutReport(plan, duplicate);
  passagesByReport.push({ unit: unit.region + unit.name, passages: passagesOf(doc) });
  tablesByReport.push({ unit: unit.region + unit.name, tables: plan.tables.map((t) => t.rows.map((r) => r.name)) });
  const bytes = ext === 'docx' ? await documentToDocx(doc) : Buffer.from(documentToTxt({ ...doc, format: 'txt' }), 'utf8');
  writeFileSync(join(out, file), bytes);
  files.push(file);
  // the cross-unit rules enter the key by their definitions, below
  for (const rule of plan.injected) if (rule !== 'duplicate_text' && rule !== 'boilerplate_indicators') key.push({ file, rule });
  const own = plan.tables[0];
  peerFigures.push({
    file,
    group: `${year}|${kind}|${unitTypeOf(unit.name)}`,
    figures: {
      actual_to_initial: own.line.initial > 0 ? own.line.actual / own.line.initial : null,
      exec_rate_pct: own.line.statedRate,
      self_score: own.total,
    },
  });
  if ((i + 1) % 500 === 0) console.error(`${i + 1}/${options.reports}`);
}
const settings = ruleSettingsSchema.parse({});
for (const { index, rule } of crossUnitKey(passagesByReport, tablesByReport, settings)) key.push({ file: files[index], rule });
for (const file of peerOutliers(peerFigures, ruleSettingsSchema.parse({}).peer_outlier)) key.push({ file, rule: 'peer_outlier' });
writeFileSync(join(root, 'answer-key.json'), JSON.stringify({ reports: files, flags: key }, null, 1));
console.error(`${files.length} reports, ${new Set(key.map((k) => k.file)).size} with injected anomalies → ${out}, key ${join(root, 'answer-key.json')}`);
