/** Each group's debrief, computed once per state of its drill (the page redraws often: every event of any group). */
import { scoreDrill, type Debrief } from '../../engine';
import type { RemoteDrillHost } from '../remote/RemoteDrillHost';

const cache = new WeakMap<object, Debrief>();

export function groupDebrief(host: RemoteDrillHost): Debrief {
  // The snapshot is replaced, never changed, by each event: it keys the cache.
  const known = cache.get(host.snapshot);
  if (known) return known;
  const debrief = scoreDrill(host.compiled, host.context);
  cache.set(host.snapshot, debrief);
  return debrief;
}
