import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseTarget } from '../src/sim/http-util.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Puts a check in front of every `request` and `upgrade` listener of the dev server: a request target
 * that is not a parseable origin-form path (`/…`) is answered 400 and goes no further. Vite's middleware
 * stack parses targets with a function that throws on some of them (`http://[`, …) outside any handler,
 * which would end the demo's process, simulator included; a browser page elsewhere can send such a
 * request to localhost. Call it once, before the server listens.
 */
export function guardDemoRequests(server: Server): void {
  const onRequest = server.listeners('request') as RequestListener[];
  const onUpgrade = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('request');
  server.removeAllListeners('upgrade');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!parseable(req.url)) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('Bad Request\n');
      return;
    }
    for (const listener of onRequest) listener.call(server, req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!parseable(req.url)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    for (const listener of onUpgrade) listener.call(server, req, socket, head);
  });
}

function parseable(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('/') && parseTarget(url) !== null;
}
