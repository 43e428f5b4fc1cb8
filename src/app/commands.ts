/**
 * Every facilitator action the console offers, as one typed object: label, shortcut, when it
 * is available and what it does. Buttons, keyboard shortcuts and the help overlay all read
 * this list, so each action has one path.
 */
import { exitAllowed, nextDueAt, PHASES, startCommand } from '../engine';
import type { DrillHost, Speed } from './drill/host';

export type CommandDeps = {
  host: DrillHost;
  openProjector: () => void;
  askOverride: () => void;
  askEnd: () => void;
  /** Jump to the next inject (the console first says which deadlines that passes). */
  askJump: () => void;
  /** Leaving the last phase ends the drill: the console asks first. */
  askFinish: () => void;
  toggleHelp: () => void;
  exportTranscript: () => void;
};

export type UiCommand = {
  id: string;
  /** i18n key of the label. */
  label: string;
  /** The key as KeyboardEvent.key reports it. */
  key?: string;
  enabled: (host: DrillHost) => boolean;
  run: (deps: CommandDeps) => void;
};

const status = (h: DrillHost) => h.context.status;
const live = (h: DrillHost) => status(h) === 'running' || status(h) === 'paused';
const inLastPhase = (h: DrillHost) => h.context.phase === PHASES[PHASES.length - 1];
const speed = (s: Speed): UiCommand => ({
  id: `speed-${s}`,
  label: `console.speed${s}`,
  key: String(s),
  enabled: (h) => live(h) && h.clock.speed !== s,
  run: ({ host }) => host.setSpeed(s),
});

export const COMMANDS: UiCommand[] = [
  { id: 'start', label: 'console.start', key: 's', enabled: (h) => status(h) === 'briefing', run: ({ host }) => host.send(startCommand(host.compiled.scenario.parameters, host.info.parameters ?? {})) },
  {
    id: 'pause',
    label: 'console.pauseResume',
    key: ' ',
    enabled: live,
    run: ({ host }) => host.send({ type: status(host) === 'paused' ? 'DRILL.RESUME' : 'DRILL.PAUSE', payload: {} }),
  },
  speed(1),
  speed(2),
  speed(5),
  { id: 'next-inject', label: 'console.jump', key: 'j', enabled: (h) => nextDueAt(h.context) !== undefined, run: ({ askJump }) => askJump() },
  {
    id: 'next-phase',
    label: 'console.nextPhase',
    key: 'n',
    enabled: (h) => status(h) === 'running',
    run: ({ host, askOverride, askFinish }) => {
      if (inLastPhase(host)) askFinish();
      else if (exitAllowed(host.compiled, host.context)) host.send({ type: 'PHASE.ADVANCE', payload: {} });
      else askOverride();
    },
  },
  { id: 'projector', label: 'console.openProjector', key: 'p', enabled: () => true, run: ({ openProjector }) => openProjector() },
  { id: 'export', label: 'console.export', key: 'x', enabled: (h) => h.events.length > 0, run: ({ exportTranscript }) => exportTranscript() },
  { id: 'end', label: 'console.end', key: 'e', enabled: live, run: ({ askEnd }) => askEnd() },
  { id: 'help', label: 'console.shortcuts', key: '?', enabled: () => true, run: ({ toggleHelp }) => toggleHelp() },
];

export const command = (id: string): UiCommand => {
  const found = COMMANDS.find((c) => c.id === id);
  if (!found) throw new Error(`no command ${id}`);
  return found;
};

/**
 * The command a key press asks for, whatever has the focus, unless the user is typing in a form
 * field. Space pauses even on a focused button (Enter still presses the button).
 */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): UiCommand | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const target = e.target as HTMLElement | null;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return undefined;
  return COMMANDS.find((c) => c.key === e.key);
}
