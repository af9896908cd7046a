import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { MAX_CLIENT_MESSAGE_BYTES } from '../core/protocol.js';

/**
 * A `ws` server configured like the real one: attached by hand to an HTTP server, 512 KiB client message
 * cap (1009 beyond), no compression, and never a selected subprotocol.
 */
export function createMonitoringWss(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: () => false,
  });
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP error and a JSON body, then closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, body: object): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** The text of a `ws` message, whatever form it arrived in (the real server reads binary as text too). */
export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** `host:port` for a URL, with IPv6 addresses in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A request target reduced to what the routes look at. */
export interface RequestTarget {
  /** The path, as `URL` normalizes it (dot segments resolved, still percent-encoded). */
  path: string;
  query: URLSearchParams;
}

/**
 * Parses a request target in origin form (`/path?query`) or absolute form (`http://host/path`), or
 * returns null for anything else (`*`, `//x` read as a host, `http://[`, …). Never throws: the target is
 * whatever a client wrote on the request line.
 */
export function parseTarget(url: string | undefined): RequestTarget | null {
  if (url === undefined || url === '') return null;
  let parsed: URL;
  try {
    // Prefixing keeps `//a/b` a path instead of a host, as it is in origin form.
    if (url.startsWith('/')) parsed = new URL(`http://localhost${url}`);
    else if (/^https?:\/\//i.test(url)) parsed = new URL(url);
    else return null;
  } catch {
    return null;
  }
  return { path: parsed.pathname, query: parsed.searchParams };
}

/** The path of a request URL, or null when the target cannot be parsed (see {@link parseTarget}). */
export function pathOf(url: string | undefined): string | null {
  return parseTarget(url)?.path ?? null;
}
