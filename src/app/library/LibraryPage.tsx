/** The library's page: the drills in progress in this browser, then the scenarios. Its own chunk: participants' laptops never load it. */
import type { Scenario } from '../../engine';
import { RecentExercises } from '../exercise/RecentExercises';
import { KeptDrills } from './KeptDrills';
import { Library } from './Library';
import type { LibraryEntry } from './scenarios';

export function LibraryPage({ entries, onRunWithLaptops }: { entries: LibraryEntry[]; onRunWithLaptops?: (scenario: Scenario) => void }) {
  return (
    <>
      {/* The drills in progress, the one on the console first marked (it replaces the single "continue" line). */}
      <KeptDrills />
      {/* Group exercises live on the drill server: listed only when there is one. */}
      {onRunWithLaptops && <RecentExercises />}
      <Library entries={entries} onRunWithLaptops={onRunWithLaptops} />
    </>
  );
}
