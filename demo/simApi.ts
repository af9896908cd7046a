/** The simulator's REST controls the demo page uses; each call resolves to a line for the status area. */
export interface SimApi {
  /** With `silent`, as a Kafka client would: the server sends no `topic_created`. */
  createTopic(name: string, partitions: number, silent?: boolean): Promise<string>;
  /** With `silent`, as a Kafka client would: the server sends no `topic_deleted`. */
  deleteTopic(name: string, silent?: boolean): Promise<string>;
  stallGroup(groupId: string): Promise<string>;
  resumeGroup(groupId: string): Promise<string>;
  crash(seconds: number): Promise<string>;
  stall(seconds: number): Promise<string>;
}

/** Calls the simulator at `httpUrl`, which takes writes from loopback origins such as this page's, as JSON. */
export function createSimApi(httpUrl: string): SimApi {
  async function call(method: string, path: string, body: unknown, done: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${httpUrl}${path}`, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return 'The simulator did not answer (is it down?).';
    }
    if (response.ok) return done;
    const detail = await response
      .json()
      .then((value: { error?: unknown }) => (typeof value.error === 'string' ? value.error : ''))
      .catch(() => '');
    return `Refused (HTTP ${response.status})${detail ? `: ${detail}` : ''}.`;
  }

  return {
    createTopic: (name, partitions, silent = false) =>
      call(
        'POST',
        '/api/topics',
        silent ? { name, partitions, silent } : { name, partitions },
        `Created topic ${name} (${partitions} partitions)${silent ? ' without an event' : ''}.`,
      ),
    deleteTopic: (name, silent = false) =>
      call(
        'DELETE',
        `/api/topics/${encodeURIComponent(name)}${silent ? '?silent=1' : ''}`,
        undefined,
        `Deleted topic ${name}${silent ? ' without an event' : ''}.`,
      ),
    stallGroup: (groupId) =>
      call('POST', '/api/sim/stall-group', { groupId }, `${groupId} stopped consuming; its lag grows.`),
    resumeGroup: (groupId) =>
      call('POST', '/api/sim/resume-group', { groupId }, `${groupId} consumes again.`),
    crash: (seconds) =>
      call('POST', '/api/sim/crash', { seconds }, `Server crashed; it comes back in ${seconds} s.`),
    stall: (seconds) =>
      call('POST', '/api/sim/stall', { seconds }, `Server silent for ${seconds} s; the page notices.`),
  };
}
