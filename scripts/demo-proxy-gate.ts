import type { IncomingMessage } from 'node:http';
import { MONITORING_REST_PATH, MONITORING_WS_PATH } from '../src/core/protocol.js';

/** Fetch metadata values a request made by the page itself (or typed into the address bar) carries. */
const OWN_SITE = new Set(['same-origin', 'none']);

/**
 * Why the demo proxy refuses to forward a request (it adds the API key to what it forwards), or null
 * when it may. It forwards only what the demo page uses — `GET /api/monitoring/metrics` (first paint) and
 * the monitoring WebSocket — and only when the request comes to the page's own host (`127.0.0.1:PORT` or
 * `localhost:PORT`) from the page's own origin: any other page in the browser can reach localhost too,
 * and a page on a rebound name sends its own name as `Host`. Requests without `Origin` (not from a
 * browser page) pass; the exact path is compared, unnormalized, since it is forwarded as written.
 */
export function proxyRefusal(req: IncomingMessage, upgrade: boolean): string | null {
  const port = req.socket.localPort;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes((req.headers.host ?? '').toLowerCase())) return 'not the demo page’s host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return 'not the demo page’s origin';
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && !OWN_SITE.has(site)) return 'not the demo page’s origin';
  const path = (req.url ?? '').split('?')[0];
  const method = req.method ?? 'GET';
  const allowed = upgrade
    ? path === MONITORING_WS_PATH && method === 'GET'
    : path === MONITORING_REST_PATH && (method === 'GET' || method === 'HEAD');
  return allowed
    ? null
    : `the demo proxy forwards only GET ${MONITORING_REST_PATH} and the ${MONITORING_WS_PATH} WebSocket`;
}
