import type { Document } from '../read/document.ts';
import type { UnitSpec } from './generate.ts';
import { Random } from './random.ts';

/**
 * County mode: the units of one county write from a shared template, as real
 * township reports do: the same indicator names and most of the same sentences,
 * renamed, some sentences their own, and now and then another unit's name left in.
 */

export interface CountyTemplate {
  names: Record<string, string>;
  sentences: string[];
  /** a sentence that names the unit: each unit writes its own name into it */
  named: (fullName: string) => string;
}

const WORK = ['基层治理', '人居环境整治', '乡村振兴', '安全生产', '民生保障', '防汛救灾', '文明创建', '产业发展'];
const MEASURE = ['网格化管理', '清单化推进', '专班化运作', '台账式管理', '项目化推进', '常态化督查'];
const CHECK = ['季度通报', '月度调度', '专项督查', '跟踪问效', '交叉检查'];

function sentencePool(rnd: Random): string[] {
  const n = () => rnd.int(12, 980);
  const w = () => rnd.pick(WORK);
  return [
    `全年围绕${w()}和${w()}两条主线，统筹安排财政资金，实行${rnd.pick(MEASURE)}，共召开专题调度会议${n()}次，解决突出问题${n()}个，各项任务按时序推进。`,
    `在预算执行方面，严格落实过紧日子要求，压减一般性支出${n()}万元，将节约资金全部用于${w()}等重点领域，确保有限的财政资金用在刀刃上。`,
    `建立健全${rnd.pick(CHECK)}和${rnd.pick(CHECK)}相结合的工作机制，对照年初绩效目标逐项对账销号，对进度滞后的事项及时督促整改，全年督办事项${n()}件。`,
    `资金使用严格执行政府采购和公务卡结算等财务管理制度，重大支出事项均经集体研究决定，全年未发生截留、挤占、挪用财政资金的情况，资金使用合规。`,
    `通过实施${w()}项目，辖区群众的获得感和满意度明显提升，累计惠及群众${n()}户，新增就业岗位${n()}个，项目效益持续显现，得到了上级部门的充分肯定。`,
    `坚持把绩效管理贯穿预算编制、执行和监督全过程，组织业务骨干参加绩效管理培训${n()}人次，绩效目标编报质量和自评工作的规范化水平进一步提高。`,
    `在项目管理方面，严格落实项目法人制、招投标制和工程监理制，全年实施${w()}类项目${n()}个，完成验收${n()}个，工程质量合格率保持较高水平。`,
    `下一步将进一步加强${w()}资金的统筹整合，完善绩效目标设置和评价结果应用机制，推动绩效评价结果与下一年度预算安排有效挂钩，切实提高资金使用效益。`,
  ];
}

export function countyTemplate(rnd: Random, region: string): CountyTemplate {
  const r = region.slice(0, 2);
  const names = {
    数量指标: `${r}${rnd.pick(['辖区网格巡查次数', '政策宣传活动次数', '民生实事办理件数'])}`,
    质量指标: `${r}${rnd.pick(['重点任务完成率', '问题整改销号率', '项目验收合格率'])}`,
    时效指标: `${r}${rnd.pick(['资金拨付及时率', '任务按期完成率'])}`,
    成本指标: `${r}年度经费成本控制`,
    社会效益指标: `${r}${rnd.pick(['群众办事便利度', '基层治理水平提升'])}`,
    可持续影响指标: `${r}${rnd.pick(['长效管护机制建立', '制度执行率'])}`,
    服务对象满意度指标: `${r}辖区群众满意度`,
  };
  const work = rnd.pick(WORK);
  return {
    names,
    sentences: sentencePool(rnd),
    named: (fullName) => `${fullName}始终坚持把${work}作为全年工作的重中之重，主要负责同志亲自研究部署，分管负责同志具体抓落实，形成了一级抓一级、层层抓落实的工作格局。`,
  };
}

/** The narrative paragraphs one unit writes from its county's template. */
export function countyNarrative(rnd: Random, template: CountyTemplate, unit: UnitSpec, countyUnits: string[]): string[] {
  const fullName = `${unit.city}${unit.region}${unit.name}`;
  const others = countyUnits.filter((u) => u !== fullName);
  // a few copy another unit's sentence with its name left in
  const named = others.length && rnd.chance(0.06) ? template.named(rnd.pick(others)) : template.named(fullName);
  // some sentences are the unit's own: its name at the front makes them differ
  const sentences = template.sentences.map((s) => (rnd.chance(0.2) ? `${unit.keyword}${s}` : s));
  return [named, sentences.slice(0, 4).join(''), sentences.slice(4).join('')];
}

/** The passages the duplicate_text rule compares: paragraph text split at sentence ends, whitespace removed. */
export function passagesOf(doc: Document): string[] {
  const out: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'paragraph') continue;
    for (const piece of block.text.split(/[。！？；\n]/)) {
      const passage = piece.replace(/\s+/g, '');
      if (passage) out.push(passage);
    }
  }
  return out;
}
