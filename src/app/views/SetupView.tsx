import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { parameterProblem, type Lang, type Scenario, type SessionInfo } from '../../engine';
import { clock } from '../../i18n/format';
import { Dialog } from '../components/Dialog';
import { useRoom } from '../room';

/** Read the briefing, name the team and who plays which role, then open the console. */
export function SetupView({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const room = useRoom();
  const [, navigate] = useLocation();
  const [team, setTeam] = useState('');
  const [facilitator, setFacilitator] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const [teamMissing, setTeamMissing] = useState(false);
  const players = scenario.roles.filter((r) => r.kind === 'player');
  // The bank's own numbers (a reporting time, a limit), as text while typed: checked on submit.
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(scenario.parameters.map((p) => [p.id, String(p.value)])));
  const [badParam, setBadParam] = useState<string | null>(null);
  /** The new drill's details, while the facilitator is asked what to do with the drill on the console. */
  const [asking, setAsking] = useState<SessionInfo | null>(null);

  const start = async (info: SessionInfo) => {
    await room.open(scenario, info);
    navigate('/console');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The team names the drill in History, the debrief and the transcript: it may not be empty.
    if (!team.trim()) {
      setTeamMissing(true);
      document.getElementById('setup-team')?.focus();
      return;
    }
    const parameters = Object.fromEntries(scenario.parameters.map((p) => [p.id, Number((values[p.id] ?? '').trim() || NaN)]));
    const bad = parameterProblem(scenario.parameters, parameters);
    if (bad) {
      setBadParam(bad.param);
      document.getElementById(`setup-param-${bad.param}`)?.focus();
      return;
    }
    const participants = Object.fromEntries(Object.entries(names).filter(([, n]) => n.trim()).map(([r, n]) => [r, n.trim()]));
    const info: SessionInfo = {
      team: team.trim(),
      ...(facilitator.trim() ? { facilitator: facilitator.trim() } : {}),
      participants,
      ...(scenario.parameters.length ? { parameters } : {}),
      date: new Date().toISOString(),
      source: 'browser',
    };
    // Nothing replaces a drill on the console without asking; an ended one is in the history already.
    if (room.host && room.host.context.status !== 'ended') setAsking(info);
    else await start(info);
  };
  const running = room.host;

  return (
    <section className="setup" aria-labelledby="setup-title">
      <p>
        <Link href="/">{t('setup.back')}</Link>
      </p>
      <h2 id="setup-title">{scenario.title[lang]}</h2>
      <p>{scenario.summary[lang]}</p>
      <h3>{t('library.objectives')}</h3>
      <ul>
        {scenario.objectives.map((o, i) => (
          <li key={i}>{o[lang]}</li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="setup-form" noValidate>
        <label>
          {t('setup.team')}
          <input
            id="setup-team"
            value={team}
            onChange={(e) => (setTeam(e.target.value), setTeamMissing(false))}
            maxLength={200}
            aria-required="true"
            aria-invalid={teamMissing}
            aria-describedby={teamMissing ? 'setup-team-missing' : undefined}
          />
        </label>
        {teamMissing && (
          <p id="setup-team-missing" role="alert" className="form-error">
            {t('consoleLayout.teamRequired')}
          </p>
        )}
        <label>
          {t('setup.facilitator')}
          <input value={facilitator} onChange={(e) => setFacilitator(e.target.value)} maxLength={200} />
        </label>
        {scenario.parameters.length > 0 && (
          <fieldset>
            <legend>{t('setup.parameters')}</legend>
            {scenario.parameters.map((p) => (
              <div key={p.id}>
                <label>
                  {p.label[lang]}{' '}
                  <input
                    id={`setup-param-${p.id}`}
                    type="number"
                    inputMode="decimal"
                    value={values[p.id] ?? ''}
                    {...(p.min !== undefined ? { min: p.min } : {})}
                    {...(p.max !== undefined ? { max: p.max } : {})}
                    onChange={(e) => (setValues({ ...values, [p.id]: e.target.value }), setBadParam(null))}
                    aria-invalid={badParam === p.id}
                    aria-describedby={badParam === p.id ? `setup-param-${p.id}-error` : undefined}
                  />{' '}
                  {p.unit[lang]}
                </label>
                {badParam === p.id && (
                  <p id={`setup-param-${p.id}-error`} role="alert" className="form-error">
                    {p.min !== undefined && p.max !== undefined ? t('setup.parameterRange', { min: p.min, max: p.max, unit: p.unit[lang] }) : t('setup.parameterNumber')}
                  </p>
                )}
              </div>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('setup.players')}</legend>
          {players.map((r) => (
            <div key={r.id} className="role-setup">
              <label>
                {r.name[lang]} <span className="muted">{r.department[lang]} · {t(`level.${r.level}`)}</span>
                <input value={names[r.id] ?? ''} onChange={(e) => setNames({ ...names, [r.id]: e.target.value })} placeholder={t('setup.nameOptional')} maxLength={200} />
              </label>
              <p className="muted">{r.briefing.public[lang]}</p>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t('setup.prepare')}
        </button>
      </form>
      {asking && running && (
        <Dialog title={t('rooms.askTitle')} onClose={() => setAsking(null)}>
          <p>
            {t('rooms.askRunning', {
              title: running.scenario.title[lang],
              team: running.info.team || '—',
              status: t(`status.${running.context.status}`),
              time: clock(Math.floor(running.drillTime())),
            })}
          </p>
          <p className="muted">{t('rooms.askKept')}</p>
          <button type="button" className="primary" data-autofocus onClick={() => navigate('/console')}>
            {t('rooms.askContinue', { title: running.scenario.title[lang] })}
          </button>{' '}
          <button type="button" onClick={() => void start(asking)}>
            {t('rooms.askStart', { title: scenario.title[lang] })}
          </button>
        </Dialog>
      )}
    </section>
  );
}
