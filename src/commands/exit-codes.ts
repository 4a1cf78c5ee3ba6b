// The binary's exit codes, one meaning each, so scripts can tell a bad command line from a failed upload. Listed
// in `vod-tracker --help` and `vod-tracker upload --help`.
export const exitCodes = {
  ok: 0,
  /** The command failed: bad configuration, the database or VOD refused, a file cannot be read. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, a missing or malformed value. */
  usage: 2,
  /** `upload --wait`: the upload's task flow ended FAILED. */
  taskFlowFailed: 3,
  /** `upload --wait`: the upload succeeded, but its status could not be followed (TRACKER_URL unreachable, token
   * refused, --wait-timeout passed). Uploading again would make a second copy. */
  statusUnknown: 4,
} as const;
