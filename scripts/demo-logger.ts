import { createLogger } from 'vite';
import type { LogLevel, Logger } from 'vite';

const PROXY_ERROR = /(ws proxy error|ws proxy socket error|http proxy error)/;

/**
 * Vite's logger, except that a proxy error (the server is down, which the page already shows) is one line
 * instead of a stack trace on every retry.
 */
export function createDemoLogger(level: LogLevel): Logger {
  const logger = createLogger(level, { allowClearScreen: false });
  const error = logger.error.bind(logger);
  logger.error = (message, options) => {
    const match = PROXY_ERROR.exec(message);
    if (!match) return error(message, options);
    const cause = options?.error;
    const code = cause && 'code' in cause ? String((cause as { code?: unknown }).code) : undefined;
    logger.warn(`${match[1]}: ${code ?? cause?.message ?? 'unknown'} (the page keeps retrying)`, {
      timestamp: true,
    });
  };
  return logger;
}
