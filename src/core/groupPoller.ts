import { brief, describeCause, TakhinError } from './errors.js';
import { GROUP_STATES } from './protocol.js';
import type { GroupState } from './protocol.js';

/** One group as `GET /api/consumer-groups` lists it. */
export interface PolledGroup {
  groupId: string;
  state: GroupState;
  members: number;
}

export interface GroupPollerHooks {
  /** Where to poll (with the token, if any, already in the query). */
  url(): string | null;
  fetch: typeof fetch;
  groups(groups: PolledGroup[]): void;
  /** Called once per run of failures, not for every failed attempt. */
  failed(error: TakhinError): void;
}

/** After a failure the next poll waits twice as long, up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;

function parseGroups(value: unknown): PolledGroup[] | string {
  if (!Array.isArray(value)) return 'the body is not an array';
  const groups: PolledGroup[] = [];
  for (let i = 0; i < value.length; i++) {
    const row = value[i] as Partial<PolledGroup> | null;
    if (row === null || typeof row !== 'object') return `row ${i} is not an object`;
    if (typeof row.groupId !== 'string' || row.groupId.length > 1024) return `row ${i}: bad groupId`;
    if (!GROUP_STATES.includes(row.state as GroupState)) return `row ${i}: unknown state`;
    if (!Number.isSafeInteger(row.members) || (row.members as number) < 0) return `row ${i}: bad members`;
    groups.push({ groupId: row.groupId, state: row.state as GroupState, members: row.members as number });
  }
  return groups;
}

/**
 * Polls the Console's group list, which carries the state and member count the socket never sends.
 * Independent of the socket: a failure is retried with back-off and never touches the connection.
 */
export class GroupPoller {
  readonly #intervalMs: number;
  readonly #hooks: GroupPollerHooks;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #request: AbortController | null = null;
  #delayMs: number;
  #failing = false;

  constructor(intervalMs: number, hooks: GroupPollerHooks) {
    this.#intervalMs = intervalMs;
    this.#delayMs = intervalMs;
    this.#hooks = hooks;
  }

  get running(): boolean {
    return this.#timer !== null || this.#request !== null;
  }

  /** Polls now, then every interval. */
  start(): void {
    if (this.running) return;
    void this.#poll();
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#request?.abort();
    this.#request = null;
  }

  async #poll(): Promise<void> {
    this.#timer = null;
    const url = this.#hooks.url();
    if (url === null) return this.#schedule();
    const request = new AbortController();
    this.#request = request;
    let outcome: PolledGroup[] | TakhinError;
    try {
      const response = await this.#hooks.fetch(url, { signal: request.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (cause) {
        throw new Error(`the body is not JSON (${describeCause(cause)})`);
      }
      const parsed = parseGroups(body);
      if (typeof parsed === 'string') throw new Error(parsed);
      outcome = parsed;
    } catch (cause) {
      outcome = new TakhinError(
        'groups_poll_failed',
        process.env.NODE_ENV !== 'production'
          ? `Polling the consumer groups failed: ${describeCause(cause)}; retrying with back-off.`
          : brief('groups_poll_failed', describeCause(cause)),
      );
    }
    if (this.#request !== request) return; // stopped meanwhile
    this.#request = null;
    if (outcome instanceof TakhinError) {
      if (!this.#failing) this.#hooks.failed(outcome);
      this.#failing = true;
      this.#delayMs = Math.min(MAX_BACKOFF_MS, this.#delayMs * 2);
    } else {
      this.#failing = false;
      this.#delayMs = this.#intervalMs;
      this.#hooks.groups(outcome);
    }
    this.#schedule();
  }

  #schedule(): void {
    this.#timer = setTimeout(() => void this.#poll(), this.#delayMs);
  }
}
