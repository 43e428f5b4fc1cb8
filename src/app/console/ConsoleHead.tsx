import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillState, Lang } from '../../engine';
import { clock } from '../../i18n/format';
import { command, type UiCommand } from '../commands';
import { DrillClock } from '../components/DrillClock';
import { PhaseTrack } from '../components/PhaseTrack';
import type { DrillHost } from '../drill/host';
import type { JumpPlan } from './jump';
import { listOf } from './words';

const TOOLBAR = ['start', 'pause', 'speed-1', 'speed-2', 'speed-5', 'next-inject', 'next-phase', 'projector', 'export', 'end', 'help'];
const STYLE: Record<string, string> = { start: 'primary', 'next-phase': 'primary', end: 'danger' };

/** The console's head, which stays in view: scenario, team, facilitator, phase, clock and the controls (none without `run`: an evaluator's screen). */
export function ConsoleHead({ host, ctx, plan, run }: { host: DrillHost; ctx: DrillState; plan: JumpPlan | null; run?: (cmd: UiCommand) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const toolbar = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  // A control that disables itself once pressed (Start, a speed) would drop the focus to the page: keep it in the toolbar.
  useEffect(() => {
    if (!pressed.current) return;
    pressed.current = false;
    if (document.activeElement === document.body || document.activeElement === null) toolbar.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
  });
  const { team, facilitator } = host.info;
  const hint = plan
    ? [
        plan.injects.length ? t('consoleLayout.jumpNext', { time: clock(plan.at), inject: listOf(lang, plan.injects.map((i) => i.title[lang])) }) : t('consoleLayout.jumpDeadline', { time: clock(plan.at) }),
        plan.passes.length ? t('consoleLayout.jumpPassesCount', { count: plan.passes.length }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <header className="console-head">
      <div className="console-title">
        <h2>{host.scenario.title[lang]}</h2>
        <p className="muted">
          {[team, facilitator ? t('consoleLayout.facilitator', { name: facilitator }) : ''].filter(Boolean).join(' · ')}
        </p>
      </div>
      <PhaseTrack current={ctx.phase} ended={ctx.status === 'ended'} />
      <DrillClock view={host} />
      {run && (
        <div className="controls" role="toolbar" aria-label={t('console.controls')} ref={toolbar}>
          {TOOLBAR.map((id) => {
            const cmd = command(id);
            const label = id === 'pause' ? t(ctx.status === 'paused' ? 'console.resume' : 'console.pause') : t(cmd.label);
            return (
              <button
                key={id}
                type="button"
                className={STYLE[id]}
                onClick={() => {
                  pressed.current = true;
                  run(cmd);
                }}
                disabled={!cmd.enabled(host)}
                aria-keyshortcuts={cmd.key === ' ' ? 'Space' : cmd.key}
                aria-describedby={id === 'next-inject' && hint ? 'jump-hint' : undefined}
              >
                {label}
              </button>
            );
          })}
          {hint && (
            <span id="jump-hint" className="jump-hint">
              {hint}
            </span>
          )}
        </div>
      )}
    </header>
  );
}
