import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyOptions } from 'vite';
import { MONITORING_WS_PATH } from '../src/core/protocol.js';
import { proxyRefusal } from './demo-proxy-gate.js';

/** Where the demo page gets its data when it is pointed at a real server. */
export interface ServerTarget {
  /** What the page connects to: the server's URL, or the same-origin proxy path. */
  pageUrl: string;
  /** The server's URL for display: no credentials, no query. */
  display: string;
  /** Dev-server proxy rules, present when an API key has to be added on the way. */
  proxy?: Record<string, ProxyOptions>;
}

/** A server address or key that cannot be used; the CLI prints the message. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** Parses a monitoring WebSocket URL; `http(s)` is accepted and read as `ws(s)`. */
export function parseServerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError(`not a URL: "${redactUrl(text)}"; expected ws://HOST:8080${MONITORING_WS_PATH}`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TargetError(`the server URL must start with ws:// or wss://, got ${url.protocol}//`);
  }
  return url;
}

/** The URL without user info, query or fragment, safe to print. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * How the page reaches a real server. Without a key it connects straight to it. With a key, which a
 * browser cannot put on a WebSocket, the page connects to the dev server's own `/api/…` and the proxy
 * forwards the WebSocket and the metrics GET with `Authorization: Bearer KEY` added, and nothing else
 * (see {@link proxyRefusal}).
 */
export function serverTarget(text: string, apiKey?: string): ServerTarget {
  const url = parseServerUrl(text);
  const display = redactUrl(url.toString());
  if (!apiKey) return { pageUrl: url.toString(), display };
  if (!url.pathname.endsWith(MONITORING_WS_PATH)) {
    throw new TargetError(`to proxy with an API key the server URL must end with ${MONITORING_WS_PATH}`);
  }
  const prefix = url.pathname.slice(0, -MONITORING_WS_PATH.length);
  const origin = `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}${prefix}`;
  return {
    pageUrl: MONITORING_WS_PATH,
    display,
    proxy: {
      '/api/': {
        target: origin,
        changeOrigin: true,
        ws: true,
        headers: { Authorization: `Bearer ${apiKey}` },
        bypass: refuseForeign,
      },
    },
  };
}

/**
 * Answers 403 to what the proxy must not forward. Returning the URL unchanged after answering tells Vite
 * the request was handled (for an upgrade `res` is absent and the answer goes to the socket).
 */
function refuseForeign(req: IncomingMessage, res: ServerResponse | undefined): string | undefined {
  const refusal = proxyRefusal(req, res === undefined);
  if (refusal === null) return undefined;
  const body = JSON.stringify({ error: refusal });
  if (res) {
    res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  } else {
    req.socket.end(
      `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}` +
        `\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  return req.url ?? '/';
}
