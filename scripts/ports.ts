import { createServer } from 'node:net';

/** Whether `port` on `host` can be listened on right now (0 always can). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** `preferred` when it is free, otherwise 0 so that the OS picks a free port. */
export async function freePortOr(preferred: number, host: string): Promise<number> {
  return (await isPortFree(preferred, host)) ? preferred : 0;
}
