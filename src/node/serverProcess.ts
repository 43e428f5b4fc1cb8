/** The real drill server as a child process (`npm start`'s entry point), for tests and benchmarks that kill -9 and restart it. */
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Node flags the server runs with, here and in `npm start` (package.json): a larger young
 * generation (64 MiB semi-spaces, the default is 16) makes V8 collect garbage less often under
 * a busy room; at 2,000 clients it took about a fifth off the server's CPU (bench, README).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

export class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', fileURLToPath(new URL('../server/main.ts', import.meta.url))], {
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, HOST: '127.0.0.1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => (this.output += String(d)));
    this.child.stderr?.on('data', (d) => (this.output += String(d)));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the server exited: ${this.output}`);
      try {
        const res = await fetch(`${this.url}api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the server did not start: ${this.output}`);
  }

  /** SIGKILL: no chance to flush or say goodbye. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}
