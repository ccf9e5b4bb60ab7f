import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModels, ruleHeader } from '../../pipeline/models/run.ts';
import { ruleSettingsSchema } from '../../pipeline/models/settings.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** Every rule has its header, its settings and a current page in docs/rules (npm run docs:rules). */
describe('rule catalog', () => {
  const rules = listModels().filter((m) => m.layer === 'rules');
  const defaults = ruleSettingsSchema.parse({}) as Record<string, Record<string, unknown>>;
  it.each(rules.map((m) => [m.name, m] as const))('%s has a complete header, settings and a page', (id, model) => {
    const h = ruleHeader(model);
    for (const field of [h.title, h.meaning, h.computed, h.why, h.not, h.severity]) expect(field.length).toBeGreaterThan(3);
    expect(defaults[id], `settings for ${id}`).toBeDefined();
    const page = join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text).toContain(h.title);
    expect(text).toContain(h.computed);
    for (const key of Object.keys(defaults[id])) expect(text).toContain(`\`${key}\``);
  });
});
