import type { TakhinState } from '../core/state.js';

/**
 * Names a store change after what happened, for Redux DevTools: `metrics`, `topic_created orders`,
 * `group_updated billing`, `status open`, `error stale`, or several joined by ` + ` when one batch held
 * more than one kind of news.
 */
export function actionName(previous: TakhinState, next: TakhinState): string {
  const names: string[] = [];
  if (next.metrics !== previous.metrics) names.push(next.metrics ? 'metrics' : 'reset');
  const topicEvent = next.topicEvents.at(-1);
  if (next.topicEvents !== previous.topicEvents && topicEvent && topicEvent !== previous.topicEvents.at(-1))
    names.push(`${topicEvent.type} ${topicEvent.name}`);
  const groupEvent = next.groupEvents.at(-1);
  if (next.groupEvents !== previous.groupEvents && groupEvent && groupEvent !== previous.groupEvents.at(-1))
    names.push(`${groupEvent.type} ${groupEvent.groupId}`);
  const was = previous.connection;
  const is = next.connection;
  if (is.status !== was.status) names.push(`status ${is.status}`);
  if (is.lastError && is.lastError !== was.lastError) names.push(`error ${is.lastError.code}`);
  if (names.length === 0 && is !== was) names.push('connection');
  return names.length ? names.join(' + ') : 'update';
}
