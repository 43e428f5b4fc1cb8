import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompiledScenario, DrillState, Inject, Lang } from '../../engine';
import { handFireGroups, scoreReach } from './handFire';
import { InjectDetails } from './FiredInjects';
import { listOf } from './words';

/** What firing an inject does to the score, criterion by criterion (nothing when it does not). */
export function ScoreWarning({ compiled, inject }: { compiled: CompiledScenario; inject: Inject }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const reach = scoreReach(compiled, inject);
  if (reach.length === 0) return null;
  const varName = (id: string) => compiled.scenario.variables.find((v) => v.id === id)?.label[lang] ?? id;
  return (
    <div className="warning score-warning">
      <p>{t('consoleLayout.scoreWarning')}</p>
      <ul>
        {reach.map(({ criterion, avoided, vars }) => (
          <li key={criterion.id}>
            {avoided
              ? t('consoleLayout.scoreAvoided', { criterion: criterion.title[lang] })
              : t('consoleLayout.scoreVars', { criterion: criterion.title[lang], vars: listOf(lang, vars.map(varName)) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The injects the facilitator may fire by hand: grouped, each with a preview before it is fired. */
export function HandFireList({ compiled, ctx, onFire }: { compiled: CompiledScenario; ctx: DrillState; onFire: (inject: Inject) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [preview, setPreview] = useState<string | null>(null);
  return (
    <>
      {handFireGroups(compiled, ctx).map(({ group, injects }) => (
        <div key={group} className="hand-group">
          <h5>{t(`consoleLayout.group.${group}`)}</h5>
          <ul className="inject-list">
            {injects.map((inject) => {
              const title = inject.title[lang];
              const scored = scoreReach(compiled, inject).length > 0;
              return (
                <li key={inject.id}>
                  <span>{title}</span>
                  {scored && <span className="tag tag-danger">{t('consoleLayout.affectsScore')}</span>}
                  <span className="hand-actions">
                    <button type="button" aria-expanded={preview === inject.id} aria-label={t('consoleLayout.previewNamed', { inject: title })} onClick={() => setPreview(preview === inject.id ? null : inject.id)}>
                      {t('consoleLayout.preview')}
                    </button>{' '}
                    <button type="button" disabled={ctx.status !== 'running'} onClick={() => onFire(inject)} aria-label={t('console.fireNamed', { inject: title })}>
                      {t('console.fire')}
                    </button>
                  </span>
                  {preview === inject.id && (
                    <div className="hand-preview">
                      <InjectDetails inject={inject} scenario={compiled.scenario} />
                      <ScoreWarning compiled={compiled} inject={inject} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}
