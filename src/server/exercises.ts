/**
 * Exercises as the server runs them: read from the store once and kept, so that the hub can ask,
 * for every seat, which exercise and group its session belongs to without a database round trip.
 */
import type { ExerciseRecord, DrillStore, SessionRecord } from './store';

export class Exercises {
  private readonly kept = new Map<string, Promise<ExerciseRecord | undefined>>();

  constructor(private readonly store: DrillStore) {}

  get(id: string): Promise<ExerciseRecord | undefined> {
    let found = this.kept.get(id);
    if (!found) {
      found = this.store.exercise(id);
      this.kept.set(id, found);
      // An id that names nothing is not kept (ids come from clients).
      void found.then((e) => e ?? this.kept.delete(id), () => this.kept.delete(id));
    }
    return found;
  }

  /** Read again from the store next time (another process may have moved it). */
  forget(id: string): void {
    this.kept.delete(id);
  }

  /** The exercise a session is one group's part of, and which group (undefined: a drill of its own). */
  async ofSession(record: SessionRecord): Promise<{ exercise: ExerciseRecord; group: number } | undefined> {
    const id = record.info.exercise?.id;
    const exercise = id === undefined ? undefined : await this.get(id);
    const group = exercise?.groups.findIndex((g) => g.sessionId === record.id) ?? -1;
    return exercise && group >= 0 ? { exercise, group } : undefined;
  }

  /** Moves the round and the review; the exercise as it is now. */
  async setState(id: string, state: { playing: number | null; reviewing: number | null }): Promise<ExerciseRecord> {
    const exercise = await this.get(id);
    if (!exercise) throw new Error(`no exercise ${id}`);
    await this.store.setExerciseState(id, state);
    const changed = { ...exercise, ...state };
    this.kept.set(id, Promise.resolve(changed));
    return changed;
  }
}
