/**
 * The scenarios bundled with the app, loaded (with the validator that checks them) only when
 * the library is opened: participants' and projectors' browsers never download them.
 */
export type { LibraryEntry } from './checkScenarios';

export async function loadBundledScenarios() {
  const [{ checkScenarios }, modules] = await Promise.all([
    import('./checkScenarios'),
    Promise.all(
      Object.entries(import.meta.glob(['../../../scenarios/*.json', '!../../../scenarios/schema.json'], { import: 'default' }))
        .filter(([path]) => !path.endsWith('/schema.json'))
        .map(async ([path, load]) => [path, await load()] as const),
    ),
  ]);
  return checkScenarios(Object.fromEntries(modules));
}
