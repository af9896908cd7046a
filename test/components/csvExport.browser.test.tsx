import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagTable, TopicTable } from '../../src/components/index.js';
import type { ConsumerLag, TopicStat } from '../../src/core/protocol.js';

const EVIL = "=cmd|' /C calc'!A0";

function lag(groupId: string, topic: string, partitions: number[]): ConsumerLag {
  const partitionLags = partitions.map((value, partition) => ({
    partition,
    currentOffset: 1000 + partition,
    logEndOffset: 1000 + partition + value,
    lag: value,
  }));
  const totalLag = partitions.reduce((a, b) => a + b, 0);
  return { groupId, totalLag, topicLags: [{ topic, totalLag, partitionLags }] };
}

/** Captures every Blob handed to `URL.createObjectURL` and every `<a download>` clicked. */
let downloads: Array<{ name: string; blob: Blob }> = [];
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The CSV's rows without the time column (the time of the export). */
const csvRows = async (blob: Blob) =>
  (await blob.text())
    .split('\r\n')
    .slice(1, -1)
    .map((line) => line.split(',').slice(1).join(','));

describe('CSV export', () => {
  it('ConsumerLagTable: one row per partition with totals, all rows or only the filtered ones', async () => {
    const data = [lag('alpha', 'orders', [5, 7]), lag('beta', EVIL, [3]), lag('gamma', 'audit', [1])];
    render(<ConsumerLagTable data={data} />);
    expect(screen.queryByRole('button', { name: 'Export shown' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloads.map((d) => d.name)).toEqual(['consumer-lag.csv']);
    const text = await downloads[0]!.blob.text();
    expect(text.split('\r\n')[0]).toBe(
      'time,group,topic,partition,currentOffset,logEndOffset,lag,topicTotalLag,groupTotalLag',
    );
    expect(text.split('\r\n')[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,/);
    expect(await csvRows(downloads[0]!.blob)).toEqual([
      'alpha,orders,0,1000,1005,5,12,12',
      'alpha,orders,1,1001,1008,7,12,12',
      `beta,'${EVIL},0,1000,1003,3,3,3`,
      'gamma,audit,0,1000,1001,1,1,1',
    ]);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by group or topic' }), {
      target: { value: 'CMD' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export shown' }));
    expect(await csvRows(downloads[1]!.blob)).toEqual([`beta,'${EVIL},0,1000,1003,3,3,3`]);
  });

  it('TopicTable: one row per topic, names neutralised, all or filtered', async () => {
    const topic = (name: string, partitions: number): TopicStat => ({
      name,
      partitions,
      totalMessages: 100 * partitions,
      totalBytes: 1000 * partitions,
      produceRate: partitions,
      fetchRate: 0,
    });
    render(<TopicTable data={[topic('orders', 3), topic(EVIL, 1), topic('say "hi"', 2)]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await csvRows(downloads[0]!.blob)).toEqual([
      'orders,3,300,3000,3,0',
      `'${EVIL},1,100,1000,1,0`,
      '"say ""hi""",2,200,2000,2,0',
    ]);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter topics by name' }), {
      target: { value: 'ord' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export shown' }));
    expect(downloads[1]!.name).toBe('topics.csv');
    expect(await csvRows(downloads[1]!.blob)).toEqual(['orders,3,300,3000,3,0']);
  });
});
