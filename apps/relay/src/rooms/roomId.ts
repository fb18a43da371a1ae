/** Room ids are used in URLs, file names and SQL keys; this is the only shape accepted. */
export const ROOM_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const ROOM_ID = new RegExp(ROOM_ID_PATTERN);

export function isRoomId(value: string): boolean {
  return ROOM_ID.test(value);
}
