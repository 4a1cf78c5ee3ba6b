/** A command line that cannot be run as written, found after commander's own checks (e.g. a value VOD's rules
 * refuse): reported on one line like commander's errors, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
