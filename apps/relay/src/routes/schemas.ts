/** JSON schemas shared by the REST routes. */
import { ROOM_ID_PATTERN } from '../rooms/roomId.ts';

export const roomParams = {
  type: 'object',
  required: ['room'],
  properties: { room: { type: 'string', pattern: ROOM_ID_PATTERN } },
} as const;

export const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The 4xx answers a room-scoped route can give. */
export const roomErrors = { 400: errorBody, 404: errorBody } as const;

export interface RoomParams {
  readonly room: string;
}

/** `Content-Disposition` for a JSON download; ids are [A-Za-z0-9_-] so no quoting issues. */
export const attachment = (filename: string) => `attachment; filename="${filename}"`;
