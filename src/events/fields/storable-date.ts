// A time the columns can hold, else null (the raw event keeps the original): PostgreSQL has no year 0, and
// timestamptz and JavaScript share the years 1970 to 9999 we accept.
export function storableDate(date: Date | null): Date | null {
  if (date === null || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date : null;
}
