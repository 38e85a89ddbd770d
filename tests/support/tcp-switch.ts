// A TCP port in front of a real server (Meilisearch, PostgreSQL) that a test switches off and on: off, it cuts every
// connection and refuses new ones, as a server that went down would; on, it passes bytes through again.
import { connect, createServer, type Server, type Socket } from 'node:net';

export class TcpSwitch {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** `http://127.0.0.1:<port>` with the target URL's path, user and query kept: what the process under test dials. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  get isOn(): boolean {
    return this.server !== undefined;
  }

  async on(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async off(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** A switch in front of the server a URL names (`postgres://…`, `http://…`). */
export function switchFor(targetUrl: string, port: number): TcpSwitch {
  const url = new URL(targetUrl);
  const defaultPort = url.protocol.startsWith('postgres') ? 5432 : url.protocol === 'https:' ? 443 : 80;
  return new TcpSwitch(port, { host: url.hostname, port: Number(url.port || defaultPort) });
}
