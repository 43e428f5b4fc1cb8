/**
 * The peers' transport for the fan-out benchmark: a bare socket.io 4 server with rooms (what
 * the peers build on), no engine, no database. The same protocol as the bare ws floor: a client
 * says hello with a session and joins its room; a command is broadcast to the room and acked.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer();
// WebSocket only, as the bench's clients connect (no long-polling fallback to upgrade from).
const io = new Server(http, { transports: ['websocket'], maxHttpBufferSize: 16 * 1024, serveClient: false });
let seq = 0;
io.on('connection', (socket) => {
  let room: string | undefined;
  socket.on('m', (m: { type: string; sessionId?: string; id?: string; command?: unknown }) => {
    if (m.type === 'hello' && m.sessionId) {
      room = m.sessionId;
      void socket.join(room);
      socket.emit('m', { type: 'welcome' });
    } else if (m.type === 'command' && room) {
      // one broadcast to the room: socket.io encodes the packet once for all its sockets
      io.to(room).emit('m', { type: 'event', event: { seq: ++seq, id: m.id, ...(m.command as object) } });
      socket.emit('m', { type: 'ack', id: m.id, seq });
    }
  });
});
http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : String(address)}`);
});
