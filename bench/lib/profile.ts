import { Session } from 'node:inspector/promises';

/** CPU profile in the shape both V8 (node:inspector) and Chromium (CDP) return. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileLine {
  fn: string;
  /** Time with this function on top of the stack, ms. */
  selfMs: number;
  /** Time with this function anywhere on the stack, ms. */
  totalMs: number;
  /** Self time as a share of all busy (non-idle) samples, percent. */
  selfPercent: number;
}

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const file = frame.url
    ? frame.url
        .split('/')
        .pop()!
        .replace(/[?#].*$/, '')
    : '';
  const name = frame.functionName || '(anonymous)';
  // Transpiled sources may report every function on line 0: the file name is then all there is.
  const line = frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : '';
  return file ? `${name} (${file}${line})` : name;
}

/** The functions that took the most time, by self time, with their inclusive time; divided by `per`. */
export function topFunctions(profile: CpuProfile, count = 15, per = 1): ProfileLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next one.
    const us = deltas[i + 1] ?? 0;
    const leaf = byId.get(samples[i]);
    if (!leaf) continue;
    const key = label(leaf.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  let busy = 0;
  for (const [fn, us] of self) if (fn !== '(idle)' && fn !== '(root)') busy += us;
  return [...self]
    .filter(([fn]) => fn !== '(idle)' && fn !== '(root)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, us]) => ({
      fn,
      selfMs: Math.round((us / 1000 / per) * 100) / 100,
      totalMs: Math.round(((total.get(fn) ?? 0) / 1000 / per) * 100) / 100,
      selfPercent: busy > 0 ? Math.round((us / busy) * 1000) / 10 : 0,
    }));
}

/** Profiles `work` in this Node process with the V8 sampling profiler. */
export async function profileNode(work: () => void, intervalUs = 100): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    work();
    const { profile } = await session.post('Profiler.stop');
    return profile as CpuProfile;
  } finally {
    session.disconnect();
  }
}
