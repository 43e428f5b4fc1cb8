/** A laid-out map on the page (for end-to-end tests and screenshots): DrillMap's frame once its layout is done. */
export const DRILL_MAP_READY = 'section.dm-map[aria-busy="false"]';
