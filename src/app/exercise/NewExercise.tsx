/** The form that sets up a group exercise: one scenario, how the groups play, their names, and the venues if several rooms take part. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Lang } from '../../engine';
import type { ExerciseMode } from '../../protocol/messages';
import { useAuth } from '../auth/auth';
import type { LibraryEntry } from '../library/scenarios';
import { createExercise, ExerciseError } from './api';
import { NameList } from './NameList';

export const MIN_GROUPS = 2;
export const MAX_GROUPS = 8;
export const MAX_VENUES = 4;

/** Names that are blank or repeated (the server refuses them too). */
const badNames = (names: string[]) => names.some((n, i) => !n.trim() || names.findIndex((m) => m.trim() === n.trim()) !== i);

export function NewExercise({ entries, scenarioId }: { entries: LibraryEntry[]; scenarioId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [, navigate] = useLocation();
  const checkAuth = useAuth((s) => s.check);
  const scenarios = entries.flatMap((e) => (e.ok ? [{ key: `${e.bank ? 'bank:' : ''}${e.scenario.id}`, id: e.scenario.id, title: e.scenario.title[lang], revision: e.bank?.revision }] : []));
  const first = scenarios.find((s) => s.id === scenarioId) ?? scenarios[0];
  const [chosen, setChosen] = useState<string | null>(null);
  const scenario = scenarios.find((s) => s.key === (chosen ?? first?.key));
  const [mode, setMode] = useState<ExerciseMode>('rounds');
  const [groups, setGroups] = useState(() => [1, 2].map((n) => t('exercise.groupDefault', { n: t(`exercise.ordinal${n}`) })));
  const [venues, setVenues] = useState<string[]>([]);
  const [facilitator, setFacilitator] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!scenario) return;
    if (badNames(groups)) return setError(t('exercise.new.groupsUnique'));
    if (badNames(venues)) return setError(t('exercise.new.venuesUnique'));
    setError(null);
    setBusy(true);
    try {
      const created = await createExercise({
        scenarioId: scenario.id,
        ...(scenario.revision ? { revision: scenario.revision } : {}),
        mode,
        groups: groups.map((g) => g.trim()),
        ...(venues.length ? { venues: venues.map((v) => v.trim()) } : {}),
        ...(facilitator.trim() ? { facilitator: facilitator.trim() } : {}),
      });
      navigate(`/exercise/${created.id}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ExerciseError && err.status === 401) return void checkAuth(); // signed out: the sign-in form appears
      setError(err instanceof ExerciseError ? t('exercise.new.refused') : t('join.noServer'));
    }
  };
  return (
    <form className="panel exercise-new" onSubmit={submit} aria-labelledby="exercise-new-title">
      <h2 id="exercise-new-title">{t('exercise.new.title')}</h2>
      <p className="muted">{t('exercise.new.hint')}</p>
      <label>
        {t('exercise.new.scenario')}
        <select value={scenario?.key ?? ''} onChange={(e) => setChosen(e.target.value)} required>
          {scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {s.revision ? t('exercise.new.bankScenario', { title: s.title, revision: s.revision }) : s.title}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('exercise.new.mode')}</legend>
        <label className="choice">
          <input type="radio" name="mode" value="rounds" checked={mode === 'rounds'} onChange={() => setMode('rounds')} /> {t('exercise.modeRounds')}
          <span className="muted"> — {t('exercise.new.roundsHint')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="parallel" checked={mode === 'parallel'} onChange={() => setMode('parallel')} /> {t('exercise.modeParallel')}
          <span className="muted"> — {t('exercise.new.parallelHint')}</span>
        </label>
      </fieldset>
      <NameList
        legend={t('exercise.new.groups')}
        names={groups}
        onChange={setGroups}
        min={MIN_GROUPS}
        max={MAX_GROUPS}
        words={{ label: (n) => t('exercise.new.groupName', { n }), remove: (n) => t('exercise.new.removeGroup', { n }), add: t('exercise.new.addGroup') }}
        fresh={(n) => t('exercise.groupDefault', { n: n <= MAX_GROUPS ? t(`exercise.ordinal${n}`) : n })}
      />
      <NameList
        legend={t('exercise.new.venues')}
        hint={t('exercise.new.venuesHint')}
        names={venues}
        onChange={setVenues}
        min={0}
        max={MAX_VENUES}
        words={{ label: (n) => t('exercise.new.venueName', { n }), remove: (n) => t('exercise.new.removeVenue', { n }), add: t('exercise.new.addVenue') }}
        fresh={() => ''}
      />
      <label>
        {t('exercise.new.facilitator')}
        <input value={facilitator} onChange={(e) => setFacilitator(e.target.value)} maxLength={60} />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={!scenario || busy}>
        {t('exercise.new.create')}
      </button>
    </form>
  );
}
