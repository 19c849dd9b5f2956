// One error type for input a user must fix: it carries the place (file and line) and the fix,
// so the CLI can print one clear line and exit 1 instead of a stack trace.

/**
 * An error caused by the user's input or environment, never by a bug.
 *
 * @example
 * ```ts
 * import { InputError, loadRun } from 'bench-report';
 * try {
 *   await loadRun('no-such-run', 'fixtures/runs');
 * } catch (e) {
 *   if (e instanceof InputError) console.log('fix your input:', e.message);
 *   else throw e;
 * }
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    /** File (and line) the problem is in, when there is one. */
    readonly location?: string,
  ) {
    super(location ? `${location}: ${message}` : message);
  }
}

/**
 * True for errors the CLI reports as bad input (exit 1) rather than as an internal bug.
 *
 * @example
 * ```ts
 * import { isInputError, loadRun } from 'bench-report';
 * const spec = await loadRun('no-such-run', 'fixtures/runs').catch((e: unknown) => {
 *   if (isInputError(e)) return null;
 *   throw e;
 * });
 * console.log(spec ?? 'not found');
 * ```
 */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
