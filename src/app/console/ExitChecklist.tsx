import { useTranslation } from 'react-i18next';
import type { CompiledScenario, DrillState, Lang, PhaseId } from '../../engine';
import { debriefWords } from '../../i18n/debriefWords';
import { exitChecklist } from './exitChecklist';
import { rolesOf } from './words';

/** The phase's exit rule as a checklist: what is done and what is still missing. `missingOnly` for the confirmations. */
export function ExitChecklist({ compiled, ctx, phase, missingOnly = false }: { compiled: CompiledScenario; ctx: DrillState; phase: PhaseId; missingOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const s = compiled.scenario;
  const words = debriefWords(t, s, lang);
  const items = exitChecklist(compiled, ctx, phase).filter((i) => !missingOnly || !i.met);
  if (items.length === 0) return missingOnly ? null : <p className="muted">{t('consoleLayout.exitNone')}</p>;
  return (
    <ul className="exit-checklist" aria-label={t('consoleLayout.exitRule')}>
      {items.map(({ condition, met, task }, i) => (
        <li key={i} className={met ? 'met' : 'missing'}>
          <span className={met ? 'tag tag-ok' : 'tag tag-danger'}>{t(met ? 'consoleLayout.exitDone' : 'consoleLayout.exitMissing')}</span>{' '}
          {task && condition.type === 'done' ? t('consoleLayout.exitTask', { task: task.title[lang], roles: rolesOf(s, lang, task.roles, '') }) : words.condition(condition)}
        </li>
      ))}
    </ul>
  );
}
