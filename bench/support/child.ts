// Benchmark parts that must not share the measuring process (the home whose memory is measured,
// the clients whose receipt times are): forked with tsx, spoken to over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<Message> {
  process: ChildProcess;
  /** The next message that satisfies `accept`. */
  next<T extends Message>(accept: (message: Message) => message is T, timeoutMs?: number): Promise<T>;
  send(message: unknown): void;
  /** Asks it to stop (`{ type: 'stop' }`) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Forks `bench/support/<file>` under tsx; a message `{ type: 'failed', message }` rejects what waits. */
export function forkChild<Message extends { type: string }>(file: string, args: string[] = []): Child<Message> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    next: (accept, timeoutMs = 600_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`${file}: no answer within ${timeoutMs} ms`)), timeoutMs);
        const onMessage = (message: Message) => {
          if (message.type === 'failed') done(new Error(`${file}: ${(message as unknown as { message: string }).message}`));
          else if (accept(message)) done(undefined, message);
        };
        const onExit = () => done(new Error(`${file} exited`));
        function done(error: Error | undefined, message?: Parameters<typeof accept>[0]) {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(message as never);
        }
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    send: (message) => child.send(message as never),
    async stop() {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
