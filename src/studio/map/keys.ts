/**
 * The map's text keys in the studio's namespace, checked against src/studio/locales/map.en.json
 * when the code compiles (a key the file lacks does not compile). The app's own key check
 * (tests/components/i18n.test.ts) reads the app's bundle only, which these keys are not in.
 */
import type mapEn from '../locales/map.en.json';

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
export type MapKey = Paths<(typeof mapEn)['drillMap']>;

/** The full key of a map text in the 'studio' namespace. */
export const mapKey = (key: MapKey): string => `drillMap.${key}`;
