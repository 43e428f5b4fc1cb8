/** The console's confirmations: each says what will happen, and Cancel has the focus where the step cannot be undone. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inject, Lang } from '../../engine';
import { clock } from '../../i18n/format';
import { COMMANDS } from '../commands';
import { Dialog } from '../components/Dialog';
import type { DrillHost } from '../drill/host';
import { unratedAnswers } from '../drill/selectors';
import { useDrill } from '../drill/useDrill';
import { ExitChecklist } from './ExitChecklist';
import { ScoreWarning } from './HandFireList';
import { InjectDetails } from './FiredInjects';
import type { JumpPlan } from './jump';
import { listOf, rolesOf } from './words';

type Props = { host: DrillHost; onClose: () => void };

/** Free-text answers still waiting for a rating: they count 0 if the drill ends now. */
function UnratedWarning({ host }: { host: DrillHost }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ctx = useDrill(host, (x) => x);
  const unrated = unratedAnswers(host.compiled, ctx);
  if (unrated.length === 0) return null;
  return (
    <div role="alert" className="warning">
      <p>{t('console.endUnrated', { count: unrated.length })}</p>
      <ul>
        {unrated.map(({ task }) => (
          <li key={task.id}>{task.title[lang]}</li>
        ))}
      </ul>
    </div>
  );
}

export function EndDialog({ host, onClose, onEnded }: Props & { onEnded: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('console.endTitle')} onClose={onClose}>
      <p>{t('console.endConfirm')}</p>
      <UnratedWarning host={host} />
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (host.send({ type: 'DRILL.END', payload: {} }).ok) onEnded();
          else onClose();
        }}
      >
        {t('console.end')}
      </button>{' '}
      <button type="button" onClick={onClose} data-autofocus>
        {t('common.cancel')}
      </button>
    </Dialog>
  );
}

/** "Next phase" in the last phase ends the drill: said first, with what the exit rule still lacks (then a reason is needed). */
export function FinishDialog({ host, onClose, onEnded, exitMet }: Props & { onEnded: () => void; exitMet: boolean }) {
  const { t } = useTranslation();
  const ctx = useDrill(host, (x) => x);
  const [reason, setReason] = useState('');
  const ready = exitMet || reason.trim() !== '';
  return (
    <Dialog title={t('consoleLayout.finishTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          const r = host.send({ type: 'PHASE.ADVANCE', payload: exitMet ? {} : { reason: reason.trim() } });
          if (r.ok) onEnded();
        }}
      >
        <p>{t('consoleLayout.finishExplain')}</p>
        {!exitMet && ctx.phase && (
          <>
            <p>{t('consoleLayout.finishMissing')}</p>
            <ExitChecklist compiled={host.compiled} ctx={ctx} phase={ctx.phase} missingOnly />
            <label>
              {t('console.reason')}
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} rows={2} />
            </label>
          </>
        )}
        <UnratedWarning host={host} />
        <button type="submit" className="danger" disabled={!ready}>
          {t('consoleLayout.finishConfirm')}
        </button>{' '}
        <button type="button" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </button>
      </form>
    </Dialog>
  );
}

export function OverrideDialog({ host, onClose }: Props) {
  const { t } = useTranslation();
  const ctx = useDrill(host, (x) => x);
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('console.overrideTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          const r = host.send({ type: 'PHASE.ADVANCE', payload: { reason: reason.trim() } });
          if (r.ok) onClose();
        }}
      >
        <p>{t('console.overrideExplain')}</p>
        {ctx.phase && <ExitChecklist compiled={host.compiled} ctx={ctx} phase={ctx.phase} missingOnly />}
        <label>
          {t('console.reason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} rows={3} />
        </label>
        <button type="submit" className="primary" disabled={!reason.trim()}>
          {t('console.overrideConfirm')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </form>
    </Dialog>
  );
}

/** Jumping past deadlines makes their tasks missed: the console names them before it jumps. */
export function JumpDialog({ host, plan, onClose, onJump }: Props & { plan: JumpPlan; onJump: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const s = host.scenario;
  const titles = listOf(lang, plan.injects.map((i) => `“${i.title[lang]}”`));
  return (
    <Dialog title={t('consoleLayout.jumpTitle', { time: clock(plan.at) })} onClose={onClose}>
      <p>{plan.injects.length ? t('consoleLayout.jumpTo', { time: clock(plan.at), inject: titles }) : t('consoleLayout.jumpToDeadline', { time: clock(plan.at) })}</p>
      <p>{t('consoleLayout.jumpPasses')}</p>
      <ul>
        {plan.passes.map(({ task, dueAt }) => (
          <li key={task.id}>{t('consoleLayout.jumpPassed', { task: task.title[lang], roles: rolesOf(s, lang, task.roles, ''), time: clock(dueAt) })}</li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onJump}>
        {t('consoleLayout.jumpConfirm')}
      </button>{' '}
      <button type="button" onClick={onClose} data-autofocus>
        {t('common.cancel')}
      </button>
    </Dialog>
  );
}

/** Firing an inject the score reads: the preview and the warning, then a choice. */
export function FireDialog({ host, inject, onClose, onFire }: Props & { inject: Inject; onFire: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <Dialog title={t('consoleLayout.fireTitle', { inject: inject.title[lang] })} onClose={onClose}>
      <InjectDetails inject={inject} scenario={host.scenario} />
      <ScoreWarning compiled={host.compiled} inject={inject} />
      <button type="button" className="danger" onClick={onFire}>
        {t('consoleLayout.fireConfirm')}
      </button>{' '}
      <button type="button" onClick={onClose} data-autofocus>
        {t('common.cancel')}
      </button>
    </Dialog>
  );
}

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('console.shortcuts')} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {COMMANDS.filter((x) => x.key).map((x) => (
            <tr key={x.id}>
              <th scope="row">
                <kbd>{x.key === ' ' ? t('console.space') : x.key}</kbd>
              </th>
              <td>{t(x.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        {t('common.close')}
      </button>
    </Dialog>
  );
}
