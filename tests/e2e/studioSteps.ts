/**
 * The steps a trainer takes in the scenario studio to build the small drill of issue 15 from the
 * blank template: two roles and four phases (the template's), three injects, two tasks with
 * options, a rubric whose timeliness criterion the second task feeds; the errors the studio lists
 * fixed from the list; and "try it", the automatic players' totals appearing beside the targets.
 * Shared by the static build's test (played at once) and the drill server's (published and run).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import studio from '../../src/studio/locales/zh-CN.json';

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));

/** What the small drill adds to the blank template, as the trainer types it. */
export const SMALL_DRILL = {
  /** the second inject, in the report phase */
  inject: { zh: '客户打来投诉电话', en: 'A customer phones to complain' },
  /** the second task (in the assess phase, for the template's player): its options, the first the best */
  options: [
    { zh: '立即电话报告分行', en: 'Phone the city branch now' },
    { zh: '等事态明朗后再说', en: 'Wait until it is clear' },
  ],
  /** the phase the third inject and the second task are in */
  phase: 'assess',
} as const;

/** Starts a draft from the blank template (on the studio's start screen) and gives it titles, and an id of its own if asked. */
export async function startFromBlank(page: Page, draft: { zh: string; en: string; id?: string }) {
  await page.getByRole('button', { name: studio.start.blank }).click();
  await page.getByRole('heading', { level: 2, name: `${studio.title}：新演练` }).waitFor();
  if (draft.id) await page.getByRole('textbox', { name: studio.fields.id, exact: true }).fill(draft.id);
  await page.getByRole('textbox', { name: fill(studio.field.inZh, { label: studio.fields.title }) }).fill(draft.zh);
  await page.getByRole('textbox', { name: fill(studio.field.inEn, { label: studio.fields.title }) }).fill(draft.en);
  await page.getByRole('heading', { level: 2, name: `${studio.title}：${draft.zh}` }).waitFor();
}

/**
 * Grows the draft into the small drill: the template's two roles and four phases, a third of
 * three injects and a second task with two options in the assess phase, and the rubric's
 * timeliness criterion fed by the second task. Leaves the texts it does not type empty, for the
 * studio to list as errors.
 */
export async function buildSmallDrill(page: Page) {
  // two roles and four phases come with the template
  await page.getByRole('tab', { name: studio.tabs.roles }).click();
  expect(await page.getByRole('navigation', { name: studio.tabs.roles }).getByRole('listitem').count()).toBe(2);
  await page.getByRole('tab', { name: studio.tabs.phases }).click();
  expect(await page.getByRole('navigation', { name: studio.tabs.phases }).getByRole('listitem').count()).toBe(4);

  // three injects: the template's and two more, one in the assess phase
  await page.getByRole('tab', { name: studio.tabs.injects }).click();
  const addInject = page.getByRole('button', { name: fill(studio.list.addNamed, { name: studio.inject.one }) });
  await addInject.click();
  await page.getByRole('textbox', { name: fill(studio.field.inZh, { label: studio.fields.title }) }).fill(SMALL_DRILL.inject.zh);
  await page.getByRole('textbox', { name: fill(studio.field.inEn, { label: studio.fields.title }) }).fill(SMALL_DRILL.inject.en);
  await addInject.click();
  await page.getByLabel(studio.fields.phase, { exact: true }).selectOption(SMALL_DRILL.phase);
  expect(await page.getByRole('navigation', { name: studio.tabs.injects }).getByRole('listitem').count()).toBe(3);

  // a second task with two options, in the assess phase
  await page.getByRole('tab', { name: studio.tabs.tasks }).click();
  await page.getByRole('button', { name: fill(studio.list.addNamed, { name: studio.task.one }) }).click();
  await page.getByLabel(studio.fields.phase, { exact: true }).selectOption(SMALL_DRILL.phase);
  for (const [n, option] of SMALL_DRILL.options.entries()) {
    await page.getByRole('textbox', { name: `选项 ${n + 1} 内容（中文）` }).fill(option.zh);
    await page.getByRole('textbox', { name: `选项 ${n + 1} 内容（英文）` }).fill(option.en);
  }
  expect(await page.getByRole('navigation', { name: studio.tabs.tasks }).getByRole('listitem').count()).toBe(2);

  // the rubric: the second task feeds the timeliness criterion
  await page.getByRole('tab', { name: studio.tabs.rubric }).click();
  await page.getByRole('navigation', { name: studio.rubric.criteria }).getByRole('button', { name: /响应时效/ }).click();
  await page.getByLabel(studio.rubric.addMeasure).selectOption('timeliness');
  const measure = page.getByRole('group', { name: fill(studio.rubric.measure, { n: 2, type: studio.measure.timeliness }) });
  await measure.getByRole('checkbox', { name: /task-2/ }).check();
}

/** Waits for the studio to say the draft has errors (in Chinese) before they are fixed. */
export async function errorsShown(page: Page) {
  await expect.poll(() => page.getByText(/^还有 \d+ 个错误/).count(), { timeout: 20_000 }).toBe(1);
}

/**
 * Fixes every error the studio lists, one at a time: its button opens and focuses the field,
 * and the field gets a text in its language. Returns how many there were.
 */
export async function fixListedErrors(page: Page): Promise<number> {
  const list = page.getByRole('complementary', { name: new RegExp(`^${escape(studio.check.title.split('（')[0] ?? '')}`) });
  for (let n = 1; n <= 60; n++) {
    const error = list.getByRole('button', { name: new RegExp(`^${studio.check.error} `) }).first();
    if ((await error.count()) === 0) return n - 1;
    const said = (await error.innerText()).trim();
    expect(said).toMatch(/：(不能为空|未填写)。$/);
    await error.click();
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
      return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? { lang: el.lang, value: el.value } : null;
    });
    if (!focused) throw new Error(`the error "${said}" did not focus a text field`);
    expect(focused.value).toBe('');
    await page.keyboard.type(focused.lang === 'en' ? `Text ${n}` : `内容${n}`);
    await expect.poll(() => list.getByRole('button', { name: said, exact: true }).count(), { timeout: 20_000 }).toBe(0);
  }
  throw new Error('the errors did not run out');
}

/** Waits for the studio to say the draft has no errors left. */
export async function noErrorsLeft(page: Page) {
  await page.getByText(/^没有错误/).waitFor({ timeout: 20_000 });
}

/**
 * Tries the draft: the automatic players run (in a worker) and their totals appear beside the
 * targets, one row for each of the six players; the ideal team scores at least 85.
 */
export async function tryIt(page: Page) {
  await page.getByRole('tab', { name: studio.tabs.try }).click();
  await page.getByRole('button', { name: studio.try.run }).click();
  const table = page.getByRole('table', { name: studio.try.caption });
  await table.waitFor({ timeout: 90_000 });
  expect(await table.getByRole('row').count()).toBe(7);
  const ideal = (await table.getByRole('row', { name: new RegExp(`^${studio.policy.ideal}`) }).innerText()).split(/\s+/);
  expect(Number(ideal[1])).toBeGreaterThanOrEqual(85);
}
