import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesRate,
  formatCompact,
  formatCount,
  formatDuration,
  formatMs,
  formatRate,
} from '../../src/components/index.js';

describe('format', () => {
  it('formats message rates with SI suffixes', () => {
    expect(formatRate(1234)).toBe('1.2k msg/s');
    expect(formatRate(0)).toBe('0 msg/s');
    expect(formatRate(12.5)).toBe('12.5 msg/s');
    expect(formatRate(999)).toBe('999 msg/s');
    expect(formatRate(2_500_000)).toBe('2.5M msg/s');
    expect(formatRate(999_960)).toBe('1M msg/s');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('formats bytes and byte rates in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytesRate(3_400_000)).toBe('3.4 MB/s');
    expect(formatBytes(7.25e12)).toBe('7.3 TB');
  });

  it('formats milliseconds', () => {
    expect(formatMs(12.3)).toBe('12 ms');
    expect(formatMs(0.42)).toBe('0.42 ms');
    expect(formatMs(4.56)).toBe('4.6 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('formats counts and compact counts', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCount(Infinity)).toBe('—');
  });

  it('formats durations with at most two units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(90_061)).toBe('1 d 1 h');
    expect(formatDuration(Infinity)).toBe('∞');
    expect(formatDuration(-1)).toBe('—');
  });

  it('follows the locale for separators', () => {
    expect(formatRate(1234, { locale: 'de-DE' })).toBe('1,2k msg/s');
    expect(formatCount(12345, { locale: 'de-DE' })).toBe('12.345');
    expect(formatBytesRate(3_400_000, { locale: 'fr-FR' })).toBe('3,4 MB/s');
  });
});
