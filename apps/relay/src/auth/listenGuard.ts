/** Open access (no secret) is only safe when nothing but this machine can connect. */
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Throws with what to do when the relay would serve boards openly beyond this machine. */
export function assertSafeToListen(host: string, secret: string | undefined): void {
  if (secret !== undefined || isLoopbackHost(host)) return;
  throw new Error(
    `refusing to listen on ${host} without CAUSEWAY_SECRET: anyone who can reach it could read and edit every board. Set CAUSEWAY_SECRET (32+ bytes, e.g. \`openssl rand -hex 32\`) or listen on 127.0.0.1.`,
  );
}
