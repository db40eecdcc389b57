// Real-time clients for the fan-out benchmark, in a process of their own: real WebSocket
// connections speaking AppSync's real-time protocol (graphql-ws subprotocol, auth in the
// `header-` subprotocol, connection_init, start), each carrying several subscriptions. Records
// when each `data` message arrives, on the clock `performance.timeOrigin + now()` shares across
// processes, and reads only the first ones: parsing every message would add the client's work to
// the figure being measured.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export type Server = 'api' | 'bare';

export interface StartMessage {
  id: string;
  type: 'start';
  payload: { data: string; extensions: { authorization: Record<string, string> } };
}

export type ClientCommand =
  | { type: 'connect'; server: Server; url: string; protocols: string[]; connections: number; starts: StartMessage[] }
  | { type: 'expect'; server: Server; count: number }
  | { type: 'close'; server: Server }
  | { type: 'stop' };

export type ClientReport =
  | { type: 'connected'; server: Server; subscriptions: number }
  | { type: 'armed'; server: Server }
  | { type: 'delivered'; server: Server; first: number; last: number; count: number; samples: Record<string, unknown> }
  | { type: 'closed'; server: Server }
  | { type: 'failed'; message: string };

const OPENING_AT_ONCE = 100;
const now = () => performance.timeOrigin + performance.now();
const report = (message: ClientReport) => process.send?.(message);

interface Round {
  expected: number;
  count: number;
  first: number;
  last: number;
  samples: Record<string, unknown>;
}

const sockets: Record<Server, WebSocket[]> = { api: [], bare: [] };
const rounds: Partial<Record<Server, Round>> = {};

function onData(server: Server, text: string): void {
  const round = rounds[server];
  if (!round || !text.includes('"data"')) return;
  const at = now();
  if (round.count === 0) round.first = at;
  round.count += 1;
  round.last = at;
  if (round.count <= 4) {
    const message = JSON.parse(text) as { type: string; id: string; payload: unknown };
    if (message.type !== 'data') {
      round.count -= 1;
      return;
    }
    round.samples[message.id] ??= message.payload;
  }
  if (round.count === round.expected) {
    delete rounds[server];
    report({ type: 'delivered', server, first: round.first, last: round.last, count: round.count, samples: round.samples });
  }
}

function open(server: Server, url: string, protocols: string[], starts: StartMessage[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { perMessageDeflate: false });
    let acked = 0;
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const text = String(raw);
      if (acked === starts.length) return onData(server, text);
      const message = JSON.parse(text) as { type: string };
      if (message.type === 'connection_ack') starts.forEach((start) => socket.send(JSON.stringify(start)));
      else if (message.type === 'start_ack' && ++acked === starts.length) resolve(socket);
      else if (message.type === 'error' || message.type === 'connection_error') reject(new Error(`refused: ${text}`));
    });
  });
}

async function connect(command: Extract<ClientCommand, { type: 'connect' }>): Promise<void> {
  let next = 0;
  const opener = async () => {
    while (next < command.connections) {
      next += 1;
      sockets[command.server].push(await open(command.server, command.url, command.protocols, command.starts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, command.connections) }, opener));
  report({ type: 'connected', server: command.server, subscriptions: sockets[command.server].length * command.starts.length });
}

process.on('message', (command: ClientCommand) => {
  switch (command.type) {
    case 'connect':
      connect(command).catch((error: unknown) => report({ type: 'failed', message: (error as Error).message }));
      return;
    case 'expect':
      rounds[command.server] = { expected: command.count, count: 0, first: 0, last: 0, samples: {} };
      report({ type: 'armed', server: command.server });
      return;
    case 'close':
      sockets[command.server].splice(0).forEach((socket) => socket.terminate());
      report({ type: 'closed', server: command.server });
      return;
    case 'stop':
      for (const list of Object.values(sockets)) list.forEach((socket) => socket.terminate());
      process.exit(0);
  }
});
