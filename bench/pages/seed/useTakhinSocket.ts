/**
 * The quick reference's React hook (`useState` + `JSON.parse` per message), grown the obvious way to
 * also keep a chart history and the topic events: every message becomes a state update of the
 * component that owns the socket, so the whole dashboard below it re-renders per message.
 */
import { useEffect, useState } from 'react';
import type { MonitoringMetrics } from '../../../src/core/protocol.js';
import {
  EVENT_ROWS,
  HISTORY_SIZE,
  sampleOf,
  type Sample,
  type TopicEventRow,
} from '../shared/PlainDashboard.js';

export function useTakhinSocket(url: string, onTopicEvent?: (event: TopicEventRow) => void) {
  const [metrics, setMetrics] = useState<MonitoringMetrics | null>(null);
  const [history, setHistory] = useState<Sample[]>([]);
  const [events, setEvents] = useState<TopicEventRow[]>([]);

  useEffect(() => {
    const ws = new WebSocket(url);
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as { type: string; data: unknown };
      if (msg.type === 'metrics') {
        const data = msg.data as MonitoringMetrics;
        setMetrics(data);
        setHistory((h) => [...h.slice(-(HISTORY_SIZE - 1)), sampleOf(data)]);
      } else if (msg.type === 'topic_created' || msg.type === 'topic_deleted') {
        const event = { type: msg.type, ...(msg.data as { name: string; partitions?: number }) };
        onTopicEvent?.(event);
        setEvents((list) => [...list.slice(-(EVENT_ROWS - 1)), event]);
      }
    };
    return () => ws.close();
    // Like the quick reference, the socket depends on the URL only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);

  return { metrics, history, events };
}
