// The package version, kept in one place (checked against package.json by a test).
/**
 * The package version (equal to package.json; checked by a test).
 *
 * @example
 * ```ts
 * import { VERSION } from 'bench-report';
 * console.log(VERSION);
 * ```
 */
export const VERSION = '0.1.0';
