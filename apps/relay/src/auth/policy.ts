/**
 * The role each board-scoped REST route needs, in one table so a reviewer sees every rule at once.
 * A board route missing from the table needs a facilitator: a new route is closed until someone
 * decides who may use it.
 */
import type { Role } from './roles.ts';

const POLICY: Readonly<Record<string, Role>> = {
  'GET /api/rooms/:room': 'viewer',
  'GET /api/rooms/:room/access': 'viewer',
  'GET /api/rooms/:room/export': 'viewer',
  'GET /api/rooms/:room/snapshots': 'viewer',
  'GET /api/rooms/:room/snapshots/:id/export': 'viewer',
  'GET /api/rooms/:room/report.md': 'viewer',
  'GET /api/rooms/:room/report.html': 'viewer',
  'GET /api/rooms/:room/timeline.csv': 'viewer',
  'GET /api/rooms/:room/action-items.csv': 'viewer',
  'GET /api/rooms/:room/detection-rules.yml': 'viewer',
  // Editors: it writes Jira keys into the board, as an editor's own edit could.
  'POST /api/rooms/:room/jira': 'editor',
  'POST /api/rooms/:room/snapshots': 'editor',
  'POST /api/rooms/:room/timeline': 'editor',
  // Preview too: it is the first step of an import, parses up to the upload limit, and tells
  // whether events are already on the board, so it is for those who may import.
  'POST /api/rooms/:room/import/preview': 'editor',
  'POST /api/rooms/:room/import': 'editor',
  'POST /api/rooms/:room/import/thehive': 'editor',
  'DELETE /api/rooms/:room': 'facilitator',
  'GET /api/rooms/:room/invites': 'facilitator',
  'POST /api/rooms/:room/invites': 'facilitator',
  'DELETE /api/rooms/:room/invites/:id': 'facilitator',
  'GET /api/rooms/:room/audit': 'facilitator',
  'POST /api/rooms/:room/snapshots/:id/restore': 'facilitator',
  'GET /api/rooms/:room/backup': 'facilitator',
  'PUT /api/rooms/:room/backup': 'facilitator',
};

/** The role `method url` needs (url as declared, e.g. `/api/rooms/:room`); facilitator if unlisted. */
export function requiredRole(method: string, routeUrl: string): Role {
  return POLICY[`${method} ${routeUrl}`] ?? 'facilitator';
}
