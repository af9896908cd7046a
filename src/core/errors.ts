/** Why something went wrong, as a stable string users can switch on. */
export type TakhinErrorCode =
  /** A line of a frame is not JSON. */
  | 'invalid_json'
  /** A line is JSON but not a valid message (missing field, wrong type, bad value). */
  | 'invalid_message'
  /** A well-formed message of a type this library does not know; reported, never fatal. */
  | 'unknown_type'
  /** The server sent an `error` message. */
  | 'server_error'
  /** More bad lines in one frame than are reported one by one; this error stands for the rest. */
  | 'more_bad_lines'
  /** An outgoing message exceeds the server's 512 KiB limit and was not sent. */
  | 'message_too_large'
  /** The send queue was full while offline; the oldest queued message was dropped. */
  | 'send_queue_overflow'
  /** Creating or opening the socket failed (refused, DNS, handshake). */
  | 'connection_failed'
  /** The socket closed unexpectedly (1005, 1006, 1009, …). */
  | 'connection_lost'
  /** No message arrived for longer than the staleness window. */
  | 'stale'
  /** An app-level `ping` got no answer in time. */
  | 'pong_timeout'
  /** The server or a proxy refused the credentials; retrying cannot help. */
  | 'unauthorized'
  /** The reconnect budget is spent. */
  | 'max_retries'
  /** The first-paint REST request failed. */
  | 'rest_failed'
  /** Polling `GET /api/consumer-groups` failed (network, CORS, HTTP status, body). */
  | 'groups_poll_failed'
  /** An option has a value the library does not know (for example an unknown `dialect`). */
  | 'invalid_option'
  /** Stored history (`persistHistory`) was corrupt, outdated or foreign and was ignored, or could not be written. */
  | 'history_ignored'
  /** Code loaded on first use (`shareAcrossTabs`, `persistHistory`, `pollGroups`, `useLagAlerts`) could not be loaded. */
  | 'chunk_load_failed';

export interface TakhinErrorDetails {
  /** 0-based index of the offending line inside its frame, for parse errors. */
  line?: number;
  /** The start of the offending input (at most 200 characters), for parse errors. */
  excerpt?: string;
  /** The close code, for connection errors. */
  closeCode?: number;
  /** The message type, for `unknown_type` and send errors. */
  messageType?: string;
  /** Whether the client keeps retrying after this error. */
  fatal?: boolean;
}

/**
 * The one error type the library reports, through `onError`, `useConnectionStatus().lastError` and
 * the store. It never carries a token: URLs in messages are redacted before they get here.
 */
export class TakhinError extends Error {
  override readonly name = 'TakhinError';
  readonly code: TakhinErrorCode;
  readonly line?: number;
  readonly excerpt?: string;
  readonly closeCode?: number;
  readonly messageType?: string;
  readonly fatal: boolean;
  /** Client clock, ms since the epoch. */
  readonly at: number;

  constructor(code: TakhinErrorCode, message: string, details: TakhinErrorDetails = {}) {
    super(message);
    this.code = code;
    this.line = details.line;
    this.excerpt = details.excerpt;
    this.closeCode = details.closeCode;
    this.messageType = details.messageType;
    this.fatal = details.fatal ?? false;
    this.at = Date.now();
  }
}

/**
 * The message of the library's own errors in a production build: the stable code, the few words that
 * vary (a cause, a field, a close code) and where the full text is. Each site writes
 * `process.env.NODE_ENV !== 'production' ? fullText : brief(code, detail)`, which bundlers reduce to one
 * branch, so the full texts never reach a production bundle. `code` and every detail field are the
 * same in both builds; only `message` differs.
 */
export function brief(code: TakhinErrorCode, detail?: string | number): string {
  const what = detail === undefined || detail === '' ? '' : `: ${detail}`;
  return `takhin-react ${code}${what} (full message in development builds)`;
}

const EXCERPT_LENGTH = 200;

/** The start of a bad input, short enough to log. */
export function excerptOf(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

/** A short description of anything thrown. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === 'string' ? cause : 'unknown error';
}

/** Every spelling of `token` that can end up in a URL, and so in a message quoting one. */
function tokenSpellings(token: string): string[] {
  const spellings = new Set([
    token,
    encodeURIComponent(token),
    new URLSearchParams({ t: token }).toString().slice(2),
  ]);
  return [...spellings].filter((spelling) => spelling.length > 0);
}

/**
 * Tokens shorter than this are masked only where they stand alone (not inside a run of letters and
 * digits): masking every occurrence of a one-character token would wreck every message.
 */
const MIN_TOKEN_MASKED_ANYWHERE = 8;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function maskToken(text: string, token: string, param: string): string {
  let masked = text;
  for (const spelling of tokenSpellings(token)) {
    if (spelling.length < MIN_TOKEN_MASKED_ANYWHERE) {
      const alone = new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(spelling)}(?![A-Za-z0-9])`, 'g');
      masked = masked.replace(alone, '$1***');
      continue;
    }
    masked = masked.split(spelling).join('***');
    // An excerpt may end in the middle of the token: what it kept of it is masked too.
    for (let k = spelling.length - 1; k >= 4; k--) {
      masked = masked.split(`${spelling.slice(0, k)}…`).join('***…');
    }
  }
  // Whatever the encoding, the value of the token parameter in a quoted URL is masked too.
  const name = escapeRegExp(encodeURIComponent(param));
  return masked.replace(new RegExp(`([?&]${name}=)[^&#\\s'"]*`, 'g'), '$1***');
}

/**
 * Errors can quote user code, a URL or a server (which may echo the token back); the token, in any of
 * its URL spellings, is masked in the message, the excerpt and the message type (and so in the stack)
 * before anyone sees the error. The client passes every error it reports through here.
 */
export function redactToken(error: TakhinError, token: string | undefined, param = 'token'): TakhinError {
  if (!token) return error;
  const mask = (text: string | undefined) => (text === undefined ? text : maskToken(text, token, param));
  const message = mask(error.message)!;
  const excerpt = mask(error.excerpt);
  const messageType = mask(error.messageType);
  if (message === error.message && excerpt === error.excerpt && messageType === error.messageType) {
    return error;
  }
  return new TakhinError(error.code, message, { ...error, excerpt, messageType });
}
