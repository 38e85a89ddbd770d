// The backend process: configuration, then the server (API, Socket.IO, console, outbox relay).
// Stops cleanly on SIGTERM/SIGINT so no request or outbox pass is cut in half.
import { config, ConfigError } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { startBackendServer } from './server.ts';

async function main() {
  const cfg = config();
  const logger = createLogger('backend');
  const server = await startBackendServer(cfg, logger);
  logger.info({ url: cfg.PUBLIC_URL, listening: server.url }, 'backend listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'backend stopping');
    // server.close() bounds the HTTP drain by SHUTDOWN_TIMEOUT_MS; this bounds the rest (relay pass, connections).
    setTimeout(() => {
      logger.error('backend did not stop in time; exiting');
      process.exit(1);
    }, cfg.SHUTDOWN_TIMEOUT_MS + 10_000).unref();
    try {
      await server.close();
      logger.info('backend stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'backend stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError ? err.message : `backend failed to start: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
