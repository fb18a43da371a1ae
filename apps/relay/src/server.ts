/** Entry point: read the environment, listen, and shut down cleanly on SIGTERM/SIGINT. */
import { buildApp } from './app.ts';
import { assertSafeToListen } from './auth/listenGuard.ts';
import { configFromEnv } from './config.ts';
import { redactUrl } from './limits/redact.ts';

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv();
  assertSafeToListen(config.host, config.secret);
} catch (err) {
  console.error(`causeway relay: ${(err as Error).message}`);
  process.exit(2);
}
// Opening storage is where a wrong DATABASE_URL or an unknown database shows: one line, not a
// stack trace, and the same exit code as any other configuration error.
const app = await buildApp(config).catch((err: Error) => {
  console.error(`causeway relay: cannot open storage or start: ${err.message}`);
  process.exit(2);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) {
    app.log.warn({ signal }, 'second signal; exiting without waiting');
    process.exit(1);
  }
  stopping = true;
  app.log.info(
    { signal },
    'shutting down: closing sockets (1001), flushing rooms, closing storage',
  );
  // A hung client must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      storage:
        config.storageBackend === 'postgres'
          ? 'postgres (DATABASE_URL)'
          : `sqlite in ${config.dataDir}`,
      redis: config.redisUrl ? redactUrl(config.redisUrl) : 'off (this relay alone)',
      webDist: config.webDist,
      auth: config.secret ? 'invite tokens' : 'off (open access, loopback only)',
    },
    'causeway relay ready',
  );
} catch (err) {
  app.log.error({ err }, 'failed to start');
  process.exit(1);
}
