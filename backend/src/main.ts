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
    await server.close();
    process.exit(0);
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
