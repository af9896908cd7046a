import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseTarget } from './http-util.js';

/** API-key checking as the real server does it, plus an opt-in query token. */
export interface AuthOptions {
  /** The key clients must present as `Authorization: KEY` or `Authorization: Bearer KEY`. */
  apiKey: string;
  /**
   * Also accept `?token=KEY` in the URL. The upstream server does NOT: it reads only the header. Turn this
   * on to stand in for a proxy that moves a query token into the header, which is how a browser (unable to
   * set headers on a WebSocket) gets through. @default false
   */
  acceptQueryToken?: boolean;
}

/** Null when the request may pass, otherwise the error the server answers with (HTTP 401). */
export function authorize(req: IncomingMessage, auth: AuthOptions | undefined): string | null {
  if (!auth) return null;
  const header = req.headers.authorization;
  if (header !== undefined && header !== '') {
    const key = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : header;
    return sameKey(key, auth.apiKey) ? null : 'invalid API key';
  }
  if (auth.acceptQueryToken) {
    const token = parseTarget(req.url)?.query.get('token') ?? null;
    if (token !== null) return sameKey(token, auth.apiKey) ? null : 'invalid API key';
  }
  return 'missing authorization header';
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
