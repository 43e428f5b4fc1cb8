/**
 * The floor for the fan-out benchmark: a bare WebSocket broadcast server, no engine, no
 * database. A client says hello with a session; a command is echoed to every client of it.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const port = Number(process.env.PORT ?? 0);
const groups = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ port, host: '127.0.0.1', maxPayload: 16 * 1024 });
let seq = 0;
wss.on('connection', (ws) => {
  let group: Set<WebSocket> | undefined;
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; sessionId?: string; id?: string; command?: unknown };
    if (m.type === 'hello' && m.sessionId) {
      group = groups.get(m.sessionId) ?? new Set();
      groups.set(m.sessionId, group);
      group.add(ws);
      ws.send(JSON.stringify({ type: 'welcome' }));
    } else if (m.type === 'command' && group) {
      const text = JSON.stringify({ type: 'event', event: { seq: ++seq, id: m.id, ...(m.command as object) } });
      for (const c of group) c.send(text);
      ws.send(JSON.stringify({ type: 'ack', id: m.id, seq }));
    }
  });
  ws.on('close', () => group?.delete(ws));
});
wss.on('listening', () => {
  const address = wss.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : String(address)}`);
});
