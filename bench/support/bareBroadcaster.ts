// The fan-out benchmark's baseline, in a process of its own as the home is: a bare `ws` server
// that speaks just enough of AppSync's real-time protocol for the same clients (ack every
// connection_init and start) and, on POST /publish `{ <subscription id>: payload }`, sends each
// subscription its payload as a `data` message, serialized per subscriber as a plain server does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const subscriptions = new Set<{ socket: WebSocket; id: string }>();
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const payloads = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    for (const { socket, id } of subscriptions) socket.send(JSON.stringify({ type: 'data', id, payload: payloads[id] }));
    response.end('{}');
  });
});
const sockets = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false) });
sockets.on('connection', (socket) => {
  const own: { socket: WebSocket; id: string }[] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string; id?: string };
    if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } }));
    if (message.type === 'start' && message.id) {
      const subscription = { socket, id: message.id };
      own.push(subscription);
      subscriptions.add(subscription);
      socket.send(JSON.stringify({ type: 'start_ack', id: message.id }));
    }
  });
  socket.on('close', () => own.forEach((subscription) => subscriptions.delete(subscription)));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime`, publishUrl: `http://127.0.0.1:${port}/publish` });
});
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') {
    sockets.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
