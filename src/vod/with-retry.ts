// The one retry loop for outbound calls (STYLE §15): another attempt only when the call is idempotent and the
// failure is transient, after each wait of an explicit schedule, then the last error as it came. Pacing of the
// long-running loops (the pull worker's backoff) is theirs: they run until stopped, not until one call succeeds.
export interface RetryPolicy {
  /** Waits before the 2nd, 3rd, … attempt; their count bounds the attempts. */
  delaysMs: readonly number[];
  /** false: repeating the call could do its work twice (CommitUpload), so it is made once whatever the schedule. */
  idempotent: boolean;
  /** Network errors, 5xx and the remote side's transient codes; never an answer the caller can fix. */
  isTransient: (error: unknown) => boolean;
}

export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delay = policy.delaysMs[attempt];
      if (!policy.idempotent || delay === undefined || !policy.isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
