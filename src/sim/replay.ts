import { createServer } from 'node:http';
import type { WebSocket } from 'ws';
import { MONITORING_WS_PATH } from '../core/protocol.js';
import { decodeClientMessage, encodeMessage } from './frames.js';
import { createMonitoringWss, hostPort, pathOf, rejectUpgrade } from './http-util.js';
import { readRecording } from './recorder.js';
import type { Recording } from './recorder.js';

/** Options of {@link replaySimulator}. */
export interface ReplayOptions {
  /** NDJSON file written by a simulator's `record` option. */
  file: string;
  /** Playback speed: 2 plays twice as fast. @default 1 */
  speed?: number;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Start over when the recording ends (otherwise the socket stays open and silent). @default false */
  loop?: boolean;
  /** Which recorded connection to play. @default the first one recorded */
  connection?: number;
}

/** A server playing a recording to every client that connects. */
export interface ReplaySimulator {
  readonly url: string;
  readonly httpUrl: string;
  readonly port: number;
  /** Frames in the recording. */
  readonly frames: number;
  /** Length of the recording at speed 1, ms. */
  readonly durationMs: number;
  /** Open sockets now. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Serves a recording at `/api/monitoring/ws`: each client gets the recorded frames, byte for byte, with
 * the recorded timing (divided by `speed`) counted from its own connection. `ping` is answered with `pong`.
 */
export async function replaySimulator(options: ReplayOptions): Promise<ReplaySimulator> {
  const recording = await readRecording(options.file, options.connection);
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const host = options.host ?? '127.0.0.1';
  const wss = createMonitoringWss();
  const stops = new Set<() => void>();
  const http = createServer((req, res) => {
    const path = pathOf(req.url);
    const bad = path === null || path === MONITORING_WS_PATH;
    res.writeHead(bad ? 400 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(bad ? 'Bad Request\n' : 'Not Found\n');
  });
  http.on('upgrade', (req, socket, head) => {
    const path = pathOf(req.url);
    if (path === null) return rejectUpgrade(socket, 400, { error: 'cannot parse the request target' });
    if (path !== MONITORING_WS_PATH) return rejectUpgrade(socket, 404, { error: 'not found' });
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stop = play(ws, recording, speed, options.loop ?? false);
      stops.add(stop);
      ws.on('close', () => {
        stop();
        stops.delete(stop);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const base = hostPort(host, port);
  return {
    url: `ws://${base}${MONITORING_WS_PATH}`,
    httpUrl: `http://${base}`,
    port,
    frames: recording.frames.length,
    durationMs: recording.durationMs,
    get connections() {
      return wss.clients.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of stops) stop();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

/** Plays the recording to one socket with a single timer chain; returns the function that stops it. */
function play(ws: WebSocket, recording: Recording, speed: number, loop: boolean): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let index = 0;
  let origin = Date.now();
  const next = () => {
    if (index >= recording.frames.length) {
      if (!loop || recording.frames.length === 0) return;
      index = 0;
      origin = Date.now();
    }
    const due = origin + recording.frames[index].at / speed;
    timer = setTimeout(
      () => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(recording.frames[index++].frame);
        next();
      },
      Math.max(0, due - Date.now()),
    );
  };
  ws.on('message', (data) => {
    const verdict = decodeClientMessage(String(data));
    if (verdict.ok && verdict.message.type === 'ping') {
      ws.send(encodeMessage({ type: 'pong', data: null }, Math.floor(Date.now() / 1000)));
    }
  });
  next();
  return () => clearTimeout(timer);
}
