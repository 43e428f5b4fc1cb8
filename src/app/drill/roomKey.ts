/** Where this browser keeps the drill it runs (one laptop), so that a reload loses nothing. */
export const ROOM_STORAGE_KEY = 'drillroom.room';

export const hasSavedRoom = (): boolean => {
  try {
    return localStorage.getItem(ROOM_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
};
