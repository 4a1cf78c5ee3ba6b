// fast-check properties run from a fixed seed per file, so CI explores the same cases every run and a failure
// replays. FC_SEED=<integer> explores others; fast-check's failure report prints the seed (and path) to replay.
export function propertySeed(fileSeed: number): number {
  const chosen = process.env.FC_SEED;
  if (chosen === undefined || chosen === "") return fileSeed;
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(chosen)}`);
  return seed;
}
