/** The facilitator's drill on the server, followed event by event in this browser (the console's seat only). */
import { EVALUATOR, FACILITATOR, submit, type Command, type Scenario, type SessionInfo } from '../../engine';
import type { Speed } from '../../protocol/clock';
import { DrillView, type DrillHost, type SendResult } from '../drill/host';
import type { RemoteSession } from './RemoteSession';

export class RemoteDrillHost extends DrillView implements DrillHost {
  constructor(
    scenario: Scenario,
    info: SessionInfo,
    private readonly session: RemoteSession,
  ) {
    super(scenario, info);
  }

  send(command: Command, actor?: string): SendResult {
    const you = this.session.state.you;
    const as = you?.kind === 'facilitator' ? FACILITATOR : you?.kind === 'evaluator' ? EVALUATOR : (you?.role ?? actor ?? '');
    // Check locally with the same rules the server applies, so the form can say why at once.
    const probe = submit(this.compiled, this.snapshot, command, { seq: this.events.length + 1, t: Math.max(this.context.now, Math.floor(this.drillTime())), actor: as });
    if (!probe.ok) return { ok: false, refusal: probe.refusal };
    this.session.command(command);
    return { ok: true };
  }

  setSpeed(speed: Speed): void {
    this.session.post({ type: 'clock', action: 'speed', speed });
  }

  jumpToNext(): boolean {
    this.session.post({ type: 'clock', action: 'jump' });
    return true;
  }
}

export const remoteDrillHost = (scenario: Scenario, info: SessionInfo, session: RemoteSession) => new RemoteDrillHost(scenario, info, session);
