import { isDeepStrictEqual } from "node:util";

/**
 * expect(actual).toEqual(expected), called only on a mismatch: under jest one expect() costs about 0.1 ms, more than
 * a whole run of most properties, so thousands of runs would spend their time in the matcher. Dates compare by time.
 */
export function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}
