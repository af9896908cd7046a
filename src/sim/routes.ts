import type { IncomingMessage, ServerResponse } from 'node:http';
import { MONITORING_REST_PATH, MONITORING_WS_PATH } from '../core/protocol.js';
import type { MonitoringMetrics } from '../core/protocol.js';
import { boundedNumber, CONTROL_LIMITS } from './control-limits.js';
import type { BurstType } from './faults.js';
import { groupDetail, groupSummary } from './group-detail.js';
import { parseTarget } from './http-util.js';
import { guardRequest, originAllowed } from './request-guard.js';
import type { GuardOptions } from './request-guard.js';
import type { Simulator } from './types.js';

/** What the routes need besides the simulator. */
export interface RouteContext {
  /** The auth error for this request, or null when it may pass. */
  denied: string | null;
  /** Metrics as of now. */
  metrics(): MonitoringMetrics;
  /** Hosts and origins served besides loopback ones. */
  guard: GuardOptions;
}

const MAX_BODY = 1024 * 1024;
const SILENT_VALUES: readonly string[] = ['1', 'true'];
const BURST_TYPES: readonly string[] = ['topic_created', 'topic_deleted', 'group_updated'];

/**
 * The REST side of the simulator:
 * - `GET /api/monitoring/metrics` — the bare metrics object;
 * - `GET /api/topics`, `POST /api/topics` `{name, partitions, silent?}`, `DELETE /api/topics/{name}[?silent=1]`
 *   (the last two broadcast `topic_created` / `topic_deleted`, unless `silent`: a Kafka client's change);
 * - `GET /api/consumer-groups` `[{groupId, state, members}]`, `GET /api/consumer-groups/{id}` (members with
 *   their partitions, committed offsets; see {@link groupDetail});
 * - `/api/sim/…` — fault controls for demos: `POST crash {seconds}`, `stall {seconds}`, `resume`,
 *   `restart`, `stall-group {groupId}`, `resume-group {groupId}`, `burst {count, type}`,
 *   `malformed {count}`, `oversized {bytes}`, `drop-clients`; `GET status` (values capped by
 *   {@link CONTROL_LIMITS}).
 * Reads are open to any page (`Access-Control-Allow-Origin: *`): the data is synthetic. Writes are
 * refused unless the page's origin is loopback or configured (see {@link guardRequest}).
 */
export function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  sim: Simulator,
  ctx: RouteContext,
): void {
  const method = req.method ?? 'GET';
  const target = parseTarget(req.url);
  if (target === null) return json(res, 400, { error: 'cannot parse the request target' });
  const { path, query } = target;
  const refused = guardRequest(req, ctx.guard);
  if (refused) return json(res, refused.status, { error: refused.error });
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (origin !== undefined && originAllowed(origin, ctx.guard)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
  } else if (method === 'GET' || method === 'HEAD') {
    res.setHeader('Access-Control-Allow-Origin', '*');
  } else if (origin !== undefined) {
    return json(res, 403, { error: `origin "${origin}" may not change the simulator` });
  }
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
  if (method === 'OPTIONS') return end(res, 204);
  if (path === MONITORING_WS_PATH) {
    // What the real server answers to a plain GET without the upgrade headers.
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Bad Request\n');
    return;
  }
  if (ctx.denied) return json(res, 401, { error: ctx.denied });
  readBody(req)
    .then((body) => route(method, path, query, body, sim, ctx, res))
    .catch((err: Error) => {
      if (!res.headersSent) json(res, 400, { error: err.message });
    });
}

function route(
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
  sim: Simulator,
  ctx: RouteContext,
  res: ServerResponse,
): void {
  const model = sim.model;
  const key = `${method} ${path}`;
  if (key === `GET ${MONITORING_REST_PATH}`) return json(res, 200, ctx.metrics());
  if (key === 'GET /api/topics') {
    return json(
      res,
      200,
      model.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions,
        totalMessages: t.totalMessages,
        totalBytes: t.totalBytes,
      })),
    );
  }
  if (key === 'POST /api/topics') {
    const { name } = body;
    const partitions = boundedNumber(body, 'partitions', CONTROL_LIMITS.topicPartitions, true) ?? 1;
    const total = model.topics.reduce((n, t) => n + t.partitions, 0);
    if (total + partitions > CONTROL_LIMITS.totalPartitions) {
      return json(res, 400, {
        error: `the cluster may hold at most ${CONTROL_LIMITS.totalPartitions} partitions`,
      });
    }
    try {
      sim.createTopic(name as string, partitions, { silent: body.silent === true });
    } catch (err) {
      return json(res, model.topic(String(name)) ? 409 : 400, { error: (err as Error).message });
    }
    return json(res, 201, { name, partitions });
  }
  if (method === 'DELETE' && path.startsWith('/api/topics/')) {
    const name = decodeURIComponent(path.slice('/api/topics/'.length));
    const silent = SILENT_VALUES.includes(query.get('silent') ?? '');
    return sim.deleteTopic(name, { silent })
      ? end(res, 204)
      : json(res, 404, { error: `topic "${name}" not found` });
  }
  if (key === 'GET /api/consumer-groups') return json(res, 200, model.groups.map(groupSummary));
  if (method === 'GET' && path.startsWith('/api/consumer-groups/')) {
    const groupId = decodeURIComponent(path.slice('/api/consumer-groups/'.length));
    const group = model.group(groupId);
    return group
      ? json(res, 200, groupDetail(group))
      : json(res, 404, { error: `group "${groupId}" not found` });
  }
  if (path.startsWith('/api/sim/')) return control(method, path.slice('/api/sim/'.length), body, sim, res);
  json(res, 404, { error: 'not found' });
}

function control(
  method: string,
  action: string,
  body: Record<string, unknown>,
  sim: Simulator,
  res: ServerResponse,
) {
  if (method === 'GET' && action === 'status') return json(res, 200, statusOf(sim));
  if (method !== 'POST') return json(res, 405, { error: 'use POST' });
  const groupId = typeof body.groupId === 'string' ? body.groupId : '';
  switch (action) {
    case 'crash': {
      const seconds = boundedNumber(body, 'seconds', CONTROL_LIMITS.crashSeconds) ?? 3;
      // Answer first: the crash kills every connection, this one included.
      res.once('finish', () => void sim.crash(seconds * 1000));
      return json(res, 202, { ok: true });
    }
    case 'stall': {
      // Without seconds the stall lasts until resume, as `sim.stall()` does.
      const seconds = boundedNumber(body, 'seconds', CONTROL_LIMITS.stallSeconds);
      sim.stall(seconds === undefined ? undefined : seconds * 1000);
      return json(res, 200, { ok: true });
    }
    case 'resume':
      sim.resume();
      return json(res, 200, { ok: true });
    case 'restart':
      res.once('finish', () => sim.restart({ keepConnections: body.keepConnections === true }));
      return json(res, 202, { ok: true });
    case 'stall-group':
    case 'resume-group': {
      const found = action === 'stall-group' ? sim.stallGroup(groupId) : sim.resumeGroup(groupId);
      return found ? json(res, 200, { ok: true }) : json(res, 404, { error: `group "${groupId}" not found` });
    }
    case 'burst':
      void sim.burst(boundedNumber(body, 'count', CONTROL_LIMITS.burstCount, true) ?? 1000, burstType(body));
      return json(res, 202, { ok: true });
    case 'malformed':
      sim.injectMalformed(boundedNumber(body, 'count', CONTROL_LIMITS.malformedCount, true) ?? 1);
      return json(res, 200, { ok: true });
    case 'oversized': {
      const bytes = boundedNumber(body, 'bytes', CONTROL_LIMITS.oversizedBytes, true);
      return json(res, 200, { bytes: sim.sendOversized(bytes) });
    }
    case 'drop-clients':
      return json(res, 200, { dropped: sim.dropSlowClients() });
    default:
      return json(res, 404, { error: `unknown control "${action}"` });
  }
}

/** What `GET /api/sim/status` answers. */
function statusOf(sim: Simulator) {
  return {
    up: sim.up,
    dialect: sim.dialect,
    instrumented: sim.instrumented,
    scenario: sim.model.scenario,
    seed: sim.model.seed,
    connections: sim.connections,
    totalConnections: sim.totalConnections,
    topics: sim.model.topics.length,
    groups: sim.model.groups.length,
  };
}

/** The burst's event type, or undefined (the default) when the body names none that exists. */
function burstType(body: Record<string, unknown>): BurstType | undefined {
  return typeof body.type === 'string' && BURST_TYPES.includes(body.type)
    ? (body.type as BurstType)
    : undefined;
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new Error('body must be a JSON object'));
      }
    });
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
