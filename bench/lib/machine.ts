import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from '../../test/chromium.js';

export interface MachineInfo {
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the scenario started: a busy machine makes absolute numbers noisy. */
  loadAverage1m: number;
}

let chromiumVersion: string | null | undefined;

function chromium(): string | null {
  if (chromiumVersion !== undefined) return chromiumVersion;
  try {
    chromiumVersion = execFileSync(chromiumPath, ['--version'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    chromiumVersion = null;
  }
  return chromiumVersion;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromium(),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
