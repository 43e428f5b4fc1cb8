/** The exercise as the server keeps it: loaded once, then replaced by each change the trainer makes. */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/auth';
import { ExerciseError, getExercise, setExerciseState, type Exercise } from './api';

export type ExerciseLoad = {
  exercise: Exercise | null;
  /** Why loading or the last change failed: the server's code, or 'no-server' / 'not-found'. */
  error: string | null;
  change: (change: { playing?: number | null; reviewing?: number | null }) => Promise<void>;
};

export function useExercise(id: string): ExerciseLoad {
  const checkAuth = useAuth((s) => s.check);
  const [exercise, setExercise] = useState<Exercise | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ExerciseError && e.status === 401) return void checkAuth(); // signed out: the sign-in form appears
      setError(e instanceof ExerciseError ? (e.code ?? (e.status === 404 ? 'not-found' : 'failed')) : 'no-server');
    },
    [checkAuth],
  );
  useEffect(() => {
    let live = true;
    const load = () =>
      getExercise(id).then(
        (x) => live && setExercise(x),
        (e: unknown) => live && fail(e),
      );
    void load();
    // Back on this tab (the trainer was on a group's console): another window may have started a round or a review.
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [id, fail]);
  const change = useCallback(
    async (c: { playing?: number | null; reviewing?: number | null }) => {
      setError(null);
      try {
        setExercise(await setExerciseState(id, c));
      } catch (e) {
        fail(e);
      }
    },
    [id, fail],
  );
  return { exercise, error, change };
}
