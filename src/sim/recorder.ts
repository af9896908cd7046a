import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * One line of a recording (NDJSON). `t` is ms since the simulator started and `c` the connection id.
 * A frame line carries the exact text of one frame; an open line marks when the connection was accepted,
 * so a replay can reproduce the wait before the first metrics.
 */
export type RecordingLine = { t: number; c: number; frame: string } | { t: number; c: number; open: true };

/** Writes every frame a simulator sends to an NDJSON file. */
export class Recorder {
  private readonly stream: WriteStream;
  private readonly start = Date.now();

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'w' });
  }

  open(connection: number): void {
    this.write({ t: Date.now() - this.start, c: connection, open: true });
  }

  frame(connection: number, frame: string): void {
    this.write({ t: Date.now() - this.start, c: connection, frame });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }

  private write(line: RecordingLine): void {
    this.stream.write(`${JSON.stringify(line)}\n`);
  }
}

/** A recording reduced to one connection's frames, timed from when that connection opened. */
export interface Recording {
  /** Each frame with its delay in ms after the connection opened. */
  frames: { at: number; frame: string }[];
  /** Delay of the last frame. */
  durationMs: number;
}

/**
 * Reads a recording and keeps the frames of one connection (the first one recorded unless `connection`
 * is given). Lines without `c` (hand-written recordings) all belong to one connection; blank lines are
 * skipped; a line that is not JSON is an error naming its line number.
 */
export async function readRecording(path: string, connection?: number): Promise<Recording> {
  const text = await readFile(path, 'utf8');
  const lines: Partial<RecordingLine & { frame: string; open: boolean }>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      lines.push(JSON.parse(line) as Partial<RecordingLine & { frame: string; open: boolean }>);
    } catch {
      throw new Error(`${path}:${i + 1}: not a JSON line`);
    }
  });
  const chosen = connection ?? lines.find((l) => typeof l.c === 'number')?.c;
  const mine = lines.filter((l) => chosen === undefined || l.c === chosen || l.c === undefined);
  const opened = mine.find((l) => l.open === true)?.t;
  const frames = mine.filter(
    (l): l is { t: number; c: number; frame: string } => typeof l.frame === 'string',
  );
  const origin = opened ?? (frames.length > 0 ? frames[0].t : 0);
  const result = frames.map((l) => ({ at: Math.max(0, (l.t ?? origin) - origin), frame: l.frame }));
  return { frames: result, durationMs: result.length > 0 ? result[result.length - 1].at : 0 };
}
