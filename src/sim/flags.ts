import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line that cannot be run; a CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The integer a flag was given, within [min, max]. */
export function integerFlag(flag: string, text: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

/** The value a flag was given, when it is one of `allowed`. */
export function oneOfFlag(flag: string, text: string, allowed: readonly string[]): string {
  if (!allowed.includes(text))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${text}"`);
  return text;
}

/** Flag values by name, for the flags `options` declares; anything else is a {@link UsageError}. */
export function parseFlags(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    // Node appends advice about positionals that does not apply to these commands.
    throw new UsageError((error as Error).message.split('. To specify a positional')[0]);
  }
}
