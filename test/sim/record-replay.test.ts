import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecording, replaySimulator, startSimulator } from '../../src/sim/index.js';
import { connect } from './helpers.js';
import type { TestClient } from './helpers.js';

let dir = '';
const clients: TestClient[] = [];
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'takhin-sim-'));
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(closers.splice(0).map((close) => close()));
  await rm(dir, { recursive: true, force: true });
});

describe('record and replay', () => {
  it('records every frame as NDJSON {t, c, frame} and replays them byte for byte', async () => {
    const file = join(dir, 'session.ndjson');
    const sim = await startSimulator({ intervalMs: 60, record: file, scenario: 'flapping' });
    const live = await connect(sim.url);
    await live.until(() => live.of('metrics').length >= 5);
    sim.model.createTopic('recorded.topic', 2);
    await live.until(() =>
      live.of('topic_created').some((m) => (m.data as { name: string }).name === 'recorded.topic'),
    );
    await live.until(() => live.of('metrics').length >= 8);
    live.close();
    await sim.close();

    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ t: expect.any(Number), c: 1, open: true });
    const frames = lines.filter((l) => 'frame' in l);
    expect(frames.length).toBeGreaterThanOrEqual(live.frames.length);
    expect(frames.slice(0, live.frames.length).map((l) => l.frame)).toEqual(live.frames);
    for (let i = 1; i < frames.length; i++)
      expect(frames[i].t as number).toBeGreaterThanOrEqual(frames[i - 1].t as number);

    const recording = await readRecording(file);
    const replay = await replaySimulator({ file, speed: 4 });
    closers.push(() => replay.close());
    expect(replay.frames).toBe(recording.frames.length);
    const started = Date.now();
    const c = await connect(replay.url);
    clients.push(c);
    await c.until(() => c.frames.length === recording.frames.length, 5000, 'the whole recording');
    expect(c.frames).toEqual(recording.frames.map((f) => f.frame));
    // Four times faster than recorded, with some slack for timers.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(recording.durationMs / 4 - 20);
    expect(elapsed).toBeLessThan(recording.durationMs / 4 + 3000);

    c.send({ type: 'ping' });
    await c.until(() => c.of('pong').length === 1);
  });

  it('replays a hand-written recording, loops when asked, and serves 400 to a plain GET', async () => {
    const file = join(dir, 'hand.ndjson');
    const m = (n: number) =>
      JSON.stringify({ type: 'topic_created', data: { name: `t${n}`, partitions: 1 }, timestamp: 1 });
    await writeFile(
      file,
      [
        { t: 0, frame: m(1) },
        { t: 30, frame: `${m(2)}\n${m(3)}` },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n\n',
    );
    const replay = await replaySimulator({ file, loop: true });
    closers.push(() => replay.close());
    expect((await fetch(`${replay.httpUrl}/api/monitoring/ws`)).status).toBe(400);
    const c = await connect(replay.url);
    clients.push(c);
    await c.until(() => c.frames.length >= 5);
    expect(c.frames.slice(0, 4)).toEqual([m(1), `${m(2)}\n${m(3)}`, m(1), `${m(2)}\n${m(3)}`]);
  });

  it('rejects a recording that is not NDJSON, naming the line', async () => {
    const file = join(dir, 'bad.ndjson');
    await writeFile(file, '{"t":0,"frame":"x"}\nnot json\n');
    await expect(replaySimulator({ file })).rejects.toThrow(/bad\.ndjson:2/);
  });
});
