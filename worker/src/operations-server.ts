// The worker's small HTTP port (WORKER_METRICS_PORT): /metrics for Prometheus and /health/live, /health/ready for
// the orchestrator. Plain node:http: the worker serves nothing else, so it needs no Express.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readiness, type Lifecycle } from '@kck/backend/platform/health';
import { metricsAllowed, type ProcessMetrics } from '@kck/backend/platform/metrics';

export interface OperationsServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startOperationsServer(options: {
  host: string;
  port: number;
  metrics: ProcessMetrics;
  metricsToken: string;
  lifecycle: Lifecycle;
  probes: { postgres: () => Promise<unknown>; redis: () => Promise<unknown> };
}): Promise<OperationsServer> {
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET')
      return json(res, 404, { error: { code: 'not_found', message: `Nothing at ${req.method} ${path}` } });
    if (path === '/health/live') return json(res, 200, { status: 'ok' });
    if (path === '/health/ready') {
      void readiness(options.probes, options.lifecycle).then(({ status, body }) => json(res, status, body));
      return;
    }
    if (path === '/metrics') {
      if (!metricsAllowed(req, options.metricsToken))
        return json(res, options.metricsToken ? 401 : 403, {
          error: {
            code: options.metricsToken ? 'unauthenticated' : 'forbidden',
            message: options.metricsToken
              ? 'Metrics need Authorization: Bearer <METRICS_TOKEN>'
              : 'Metrics answer only on the loopback interface while METRICS_TOKEN is not set',
          },
        });
      void options.metrics.text().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': options.metrics.registry.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        },
        () => json(res, 500, { error: { code: 'internal', message: 'Metrics could not be read' } }),
      );
      return;
    }
    json(res, 404, { error: { code: 'not_found', message: `Nothing at ${req.method} ${path}` } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
