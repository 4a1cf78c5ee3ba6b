// Shuffles and other random choices in tests come from a seeded PRNG (mulberry32), not Math.random: the seed is
// fixed per test so CI is reproducible, TEST_SEED=<integer> tries another, and a failure names the seed that made
// it. Random unique ids (factories' FileIds) need no seed: they only have to differ.
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[];
}

/** Wraps a test body: `test("…", withSeed(20_240_612, async (random) => { … random.shuffle(xs) … }))`. */
export function withSeed(testSeed: number, body: (random: SeededRandom) => unknown): () => Promise<void> {
  return async () => {
    const random = seededRandom(chosenSeed(testSeed));
    try {
      await body(random);
    } catch (error) {
      if (error instanceof Error)
        error.message += `\n(random choices from seed ${random.seed}: TEST_SEED=${random.seed} replays them)`;
      throw error;
    }
  };
}

function chosenSeed(testSeed: number): number {
  const chosen = process.env.TEST_SEED;
  if (chosen === undefined || chosen === "") return testSeed;
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be an integer, not ${JSON.stringify(chosen)}`);
  return seed;
}

function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
