// A 32-bit integer column's value (procedureErrCode, UploadTask.errCode), else null: the raw event keeps the original.
export function storableInt(value: number | null): number | null {
  return value !== null && Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? value : null;
}
