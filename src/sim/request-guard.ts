import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Which hosts and origins the simulator serves besides loopback ones. */
export interface GuardOptions {
  /**
   * Origins (exact, e.g. `https://dashboard.test:8443`) that may change the simulator through REST, besides
   * the loopback ones (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`). `'*'` allows any.
   * @default [] (loopback origins only)
   */
  cors?: readonly string[];
  /**
   * Host names (without port) the simulator answers to, besides `localhost`, `*.localhost` and IP
   * addresses. Needed when it is reached by a name, e.g. after `--host 0.0.0.0`.
   * @default [] (loopback names and IP addresses only)
   */
  allowedHosts?: readonly string[];
}

/** Why a request is refused before it reaches a route. */
export interface Refusal {
  status: 400 | 403 | 415 | 421;
  error: string;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * The host name of a `Host` header (`name:port`, `[v6]:port`), lower-cased, or null when it is not one.
 */
export function hostName(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(header.trim());
  return m ? m[1].toLowerCase() : null;
}

/**
 * Whether a `Host` names this machine in a way DNS rebinding cannot forge: an IP address, `localhost`
 * or `*.localhost`, or a configured name. A page on `evil.test` that re-points its name at 127.0.0.1
 * still sends `Host: evil.test`.
 */
export function hostAllowed(header: string | undefined, options: GuardOptions = {}): boolean {
  const name = hostName(header);
  if (name === null) return false;
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  if (isIP(bare) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return (options.allowedHosts ?? []).some((h) => h.toLowerCase() === name);
}

/** Whether a page at `origin` may change the simulator (and read its answers). */
export function originAllowed(origin: string, options: GuardOptions = {}): boolean {
  const cors = options.cors ?? [];
  return LOOPBACK_ORIGIN.test(origin) || cors.includes('*') || cors.includes(origin);
}

/**
 * Checks what every HTTP request and upgrade must satisfy before a route sees it: a `Host` this machine
 * answers to; and, for writes, an allowed `Origin` (when a browser sent one) and a JSON body. Requiring
 * `application/json` means a cross-origin page cannot send a write as a "simple" request that skips the
 * CORS preflight. Null when the request may pass.
 */
export function guardRequest(req: IncomingMessage, options: GuardOptions = {}): Refusal | null {
  if (!hostAllowed(req.headers.host, options)) {
    return { status: 421, error: `host "${req.headers.host ?? ''}" is not served here` };
  }
  const method = req.method ?? 'GET';
  const origin = req.headers.origin;
  const upgrade = req.headers.upgrade !== undefined;
  if (READS.has(method) || upgrade) return null;
  if (origin !== undefined && !originAllowed(origin, options)) {
    return { status: 403, error: `origin "${origin}" may not change the simulator` };
  }
  if (method === 'POST' || hasBody(req)) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, error: 'send the body as application/json' };
  }
  return null;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
