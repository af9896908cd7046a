import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeClientMessage, utf8ByteLength } from '../../src/core/encode.js';
import { TakhinError } from '../../src/core/errors.js';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../src/core/protocol.js';

const TIMESTAMP_MS = 1704225600_999.75;

describe('encodeClientMessage', () => {
  it('writes type, data and an integer timestamp in that order', () => {
    expect(encodeClientMessage('subscribe', 'topic:orders', TIMESTAMP_MS)).toBe(
      '{"type":"subscribe","data":"topic:orders","timestamp":1704225600}',
    );
  });

  it('leaves data out when it is undefined, as in a bare ping', () => {
    expect(encodeClientMessage('ping', undefined, TIMESTAMP_MS)).toBe(
      '{"type":"ping","timestamp":1704225600}',
    );
    expect(encodeClientMessage('ping', null, TIMESTAMP_MS)).toBe(
      '{"type":"ping","data":null,"timestamp":1704225600}',
    );
  });

  it('never produces a float timestamp, whatever the clock says', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (nowMs) => {
        const message = JSON.parse(encodeClientMessage('ping', undefined, nowMs)) as { timestamp: unknown };
        expect(Number.isInteger(message.timestamp)).toBe(true);
      }),
      { numRuns: 500 },
    );
    const now = Date.now();
    const { timestamp } = JSON.parse(encodeClientMessage('ping')) as { timestamp: number };
    expect(Number.isInteger(timestamp)).toBe(true);
    expect(Math.abs(timestamp - Math.floor(now / 1000))).toBeLessThanOrEqual(1);
    const raw = encodeClientMessage('unsubscribe', 'x', 1_700_000_000_123.456);
    expect(raw).toMatch(/"timestamp":1700000000}$/);
  });

  it('refuses a message over 512 KiB with a non-fatal message_too_large', () => {
    const overhead = encodeClientMessage('subscribe', '', TIMESTAMP_MS).length;
    const fits = 'a'.repeat(MAX_CLIENT_MESSAGE_BYTES - overhead);
    expect(encodeClientMessage('subscribe', fits, TIMESTAMP_MS)).toHaveLength(MAX_CLIENT_MESSAGE_BYTES);
    let caught: unknown;
    try {
      encodeClientMessage('subscribe', `${fits}a`, TIMESTAMP_MS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TakhinError);
    expect((caught as TakhinError).code).toBe('message_too_large');
    expect((caught as TakhinError).messageType).toBe('subscribe');
    expect((caught as TakhinError).fatal).toBe(false);
    expect(() => encodeClientMessage('ping', 'x'.repeat(2 * MAX_CLIENT_MESSAGE_BYTES))).toThrow(TakhinError);
  });

  it('measures the limit in UTF-8 bytes, not in characters', () => {
    // 200,000 × "é" is 200,000 characters but 400,000 bytes; 140,000 × "😀" is 560,000 bytes
    expect(() => encodeClientMessage('subscribe', 'é'.repeat(200_000), 0)).not.toThrow();
    expect(() => encodeClientMessage('subscribe', 'é'.repeat(270_000), 0)).toThrow(/bytes/);
    expect(() => encodeClientMessage('subscribe', '😀'.repeat(140_000), 0)).toThrow(TakhinError);
    expect(() => encodeClientMessage('subscribe', '😀'.repeat(130_000), 0)).not.toThrow();
  });

  it('reports data that cannot be serialised as a typed error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeClientMessage('ping', cyclic)).toThrow(
      expect.objectContaining({ code: 'invalid_message' }),
    );
    expect(() => encodeClientMessage('ping', 10n)).toThrow(TakhinError);
  });
});

describe('utf8ByteLength', () => {
  it('agrees with TextEncoder, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          const text = a + b;
          expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
