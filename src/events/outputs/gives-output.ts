// Which subtask results give outputs: a SUCCESS, or (no Status given) an ErrCode of 0, and never one that
// summarise-procedure.ts counts as failed (FAIL, a non-zero ErrCode, a non-empty ErrCodeExt) or that still runs.
// A FAIL subtask's Output is null or absent anyway (docs/vod-events.md §11.1); this keeps a half-written one out.
export function givesOutput(subtask: {
  status: string | null;
  errCode: number | null;
  errCodeExt: string | null;
}): boolean {
  const { status, errCode, errCodeExt } = subtask;
  if (errCodeExt !== null || (errCode !== null && errCode !== 0)) return false;
  return status === null ? errCode === 0 : status.toUpperCase() === "SUCCESS";
}
