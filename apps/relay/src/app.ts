/**
 * `buildApp(config)` assembles the relay without listening: storage, the room registry and its
 * heartbeat, the y-websocket endpoint, REST routes and the web app. `server.ts` listens.
 */

import { fileTooLargeMessage, formatBytes } from '@causeway/core';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AuditStore } from './audit/auditStore.ts';
import { auditRooms } from './audit/recorder.ts';
import { auditRoutes } from './audit/routes.ts';
import { Auth } from './auth/auth.ts';
import { registerRestGuard } from './auth/guard.ts';
import { authRoutes } from './auth/routes.ts';
import { backupRoutes } from './backup/routes.ts';
import type { Fanout } from './cluster/fanout.ts';
import { RedisFanout } from './cluster/redis.ts';
import { type RelayConfig, resolveConfig } from './config.ts';
import { CLOSE, HTTP_ERRORS, HttpError, type HttpErrorCode } from './errors.ts';
import { BoardSizeLimit } from './limits/boardSize.ts';
import { registerHttpLimits } from './limits/http.ts';
import { redactUrl } from './limits/redact.ts';
import { createMetrics, type RelayMetrics } from './metrics.ts';
import { openRecords } from './records/open.ts';
import { startHeartbeat } from './rooms/heartbeat.ts';
import { RoomRegistry } from './rooms/registry.ts';
import { csvRoutes } from './routes/csv.ts';
import { deleteRoomRoutes } from './routes/deleteRoom.ts';
import { exportRoutes } from './routes/export.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { jiraRoutes } from './routes/jira.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { reportRoutes } from './routes/report.ts';
import { roomRoutes } from './routes/rooms.ts';
import { sigmaRoutes } from './routes/sigma.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { syncRoutes } from './routes/sync.ts';
import { timelineRoutes } from './routes/timeline.ts';
import { trendsRoutes } from './routes/trends.ts';
import { webRoutes } from './routes/web.ts';
import { Checkpointer } from './storage/checkpointer.ts';
import { openStorage } from './storage/open.ts';
import { SqliteStorage, sqliteFile } from './storage/sqlite.ts';
import type { Storage } from './storage/storage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    rooms: RoomRegistry;
    config: RelayConfig;
    auth: Auth;
    audit: AuditStore;
    boardSize: BoardSizeLimit;
    metrics: RelayMetrics;
    /** The cross-relay bus; null for a relay on its own. */
    fanout: Fanout | null;
  }
}

/** Maps Fastify's own errors (validation, body size, media type) onto our codes. */
function codeFor(err: FastifyError): HttpErrorCode {
  if (err.validation) {
    const roomBad =
      err.validationContext === 'params' && err.validation.some((v) => v.instancePath === '/room');
    if (roomBad) return 'invalid-room-id';
    return err.validationContext === 'params' ? 'invalid-params' : 'invalid-body';
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'body-too-large';
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported-media-type';
  const status = err.statusCode ?? 500;
  if (status === 404) return 'not-found';
  return status >= 400 && status < 500 ? 'invalid-body' : 'internal';
}

/** Fastify says only "Request body is too large"; name the size and the route's limit. */
function bodyTooLargeMessage(req: FastifyRequest, uploadLimit: number): string {
  const limit = req.routeOptions.bodyLimit ?? 1024 * 1024;
  const length = Number(req.headers['content-length']);
  const size = Number.isFinite(length) && length > 0 ? length : undefined;
  if (limit === uploadLimit) return fileTooLargeMessage(size, limit);
  return `the request body is larger than the ${formatBytes(limit)} this route takes`;
}

/** Builds the relay; `config` may be partial, missing options take their defaults. */
export async function buildApp(input: Partial<RelayConfig> = {}): Promise<FastifyInstance> {
  const config = resolveConfig(input);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Invite tokens ride in the socket URL's query; they must never reach a log file.
      serializers: {
        req: (req) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
          remoteAddress: req.ip,
        }),
      },
    },
    // Long room ids must reach our validation (a 400 / close 4404 with a reason) rather than
    // fall out of the router at its default 100-character limit as a bare 404.
    routerOptions: { maxParamLength: 2048 },
    // Only the listed proxies' forwarding headers are believed; anyone else could forge them.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
  });
  const storage = await openStorage(config);
  const records = await openRecords(storage, config.dataDir);
  const audit = records.audit;
  // With SQLite, the boards' and the records' connections leave WAL checkpoints (and their
  // fsyncs) to this thread, off the event loop.
  const checkpointer =
    storage instanceof SqliteStorage ? new Checkpointer(sqliteFile(config.dataDir)) : null;
  const boardSize = new BoardSizeLimit(config.maxBoardBytes);
  const recordAudit = auditRooms(audit, app.log);
  const metrics = createMetrics({
    rooms: () => rooms.size,
    sockets: () => rooms.socketCount(),
    fanoutConnected: config.redisUrl ? () => fanout?.connected === true : undefined,
  });
  const fanout = config.redisUrl
    ? new RedisFanout({ url: config.redisUrl, log: app.log, metrics })
    : undefined;
  const auth = new Auth(config.secret, records.invites, fanout);
  fanout?.onRevocations({
    revoked: (id) => auth.endSockets(id),
    missed: () => auth.recheckLive(),
  });
  const rooms = new RoomRegistry({
    storage,
    compactAfter: config.compactAfter,
    log: app.log,
    onLoaded: (room) => {
      boardSize.onLoaded(room);
      recordAudit(room);
    },
    metrics,
    fanout,
  });
  const stopHeartbeat = startHeartbeat(rooms, {
    intervalMs: config.keepaliveMs,
    deadPeerMs: config.deadPeerMs,
  });

  app.decorate('config', config);
  app.decorate('storage', storage);
  app.decorate('rooms', rooms);
  app.decorate('auth', auth);
  app.decorate('audit', audit);
  app.decorate('boardSize', boardSize);
  app.decorate('metrics', metrics);
  app.decorate('fanout', fanout ?? null);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpError) {
      return reply
        .code(err.statusCode)
        .send({ error: err.code, message: err.message, ...err.extra });
    }
    const code = codeFor(err);
    const status = code === 'internal' ? 500 : HTTP_ERRORS[code];
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message =
      status >= 500
        ? 'internal error'
        : code === 'body-too-large'
          ? bodyTooLargeMessage(req, config.maxUploadBytes)
          : err.message;
    return reply.code(status).send({ error: code, message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: 'not-found', message: `no route for ${req.method} ${req.url.split('?')[0]}` }),
  );

  await app.register(fastifyWebsocket, {
    options: { maxPayload: config.maxFrameBytes },
    // `ws` has already sent the close frame (e.g. 1009 for an oversized frame); terminating
    // here would cut it off, so only log and let ws finish the closing handshake.
    errorHandler: (err, socket, req) => {
      req.log.warn({ err: err.message }, 'websocket error');
      if (socket.readyState === socket.OPEN) socket.close(CLOSE.malformedFrame, 'socket error');
    },
    // Replaces the plugin's default so clients get 1001 with a reason and every room is
    // flushed and compacted before storage closes (onClose below).
    preClose: async () => {
      stopHeartbeat();
      await rooms.shutdown(CLOSE.goingAway, 'relay shutting down');
      for (const client of app.websocketServer.clients) client.terminate();
    },
  });
  app.addHook('onClose', async () => {
    stopHeartbeat();
    await fanout?.close();
    // Before storage: with PostgreSQL the records write their queue through its pool.
    await records.close();
    await storage.close();
    await checkpointer?.stop();
  });

  await registerHttpLimits(app, config);
  registerRestGuard(app, auth);

  await app.register(healthRoutes);
  await app.register(syncRoutes);
  await app.register(metricsRoutes);
  await app.register(roomRoutes);
  await app.register(timelineRoutes, { maxUploadBytes: config.maxUploadBytes });
  await app.register(importRoutes, {
    maxUploadBytes: config.maxUploadBytes,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    theHive: { urls: config.theHiveUrls, authOn: config.secret !== undefined },
  });
  await app.register(exportRoutes);
  await app.register(snapshotRoutes);
  await app.register(deleteRoomRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(backupRoutes, { maxBackupBytes: config.maxBoardBytes * 3 });
  await app.register(reportRoutes);
  await app.register(csvRoutes);
  await app.register(sigmaRoutes);
  await app.register(jiraRoutes, { allowHttp: config.jiraAllowHttp });
  await app.register(trendsRoutes);
  await app.register(webRoutes, { webDist: config.webDist });
  return app;
}
