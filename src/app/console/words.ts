/** Small wording helpers the console's parts share. */
import type { Lang, Scenario } from '../../engine';

/** Names in a running list: 、 in Chinese, commas in English. */
export const listOf = (lang: Lang, items: readonly string[]) => items.join(lang === 'zh-CN' ? '、' : ', ');

export const roleNamer = (s: Scenario, lang: Lang) => (id: string) => s.roles.find((r) => r.id === id)?.name[lang] ?? id;

/** Who an inject or task is for, by name ('all' is everyone). */
export const rolesOf = (s: Scenario, lang: Lang, roles: 'all' | readonly string[], everyone: string) => (roles === 'all' ? everyone : listOf(lang, roles.map(roleNamer(s, lang))));
