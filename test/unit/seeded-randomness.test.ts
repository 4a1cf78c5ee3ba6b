// Seeded randomness in tests: shuffles replay from their seed and a failure names it; FC_SEED and TEST_SEED choose
// other seeds than the fixed ones.
import fc from "fast-check";
import { propertySeed } from "../support/property-seed.js";
import { withSeed, type SeededRandom } from "../support/with-seed.js";

async function shuffledWith(seed: number): Promise<number[]> {
  let shuffled: number[] = [];
  await withSeed(seed, (random: SeededRandom) => void (shuffled = random.shuffle([...Array(20).keys()])))();
  return shuffled;
}

async function withEnv(name: string, value: string, body: () => Promise<void>): Promise<void> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    await body();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

describe("seeded shuffles", () => {
  test("give the same order for the same seed and another order for another seed", async () => {
    const once = await shuffledWith(20_240_612);
    expect(await shuffledWith(20_240_612)).toEqual(once);
    expect(await shuffledWith(7)).not.toEqual(once);
    expect([...once].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  test("name the seed when the test fails, and TEST_SEED replays another", async () => {
    const failing = withSeed(20_240_612, () => {
      throw new Error("an order broke the test");
    });
    await expect(failing()).rejects.toThrow("TEST_SEED=20240612");
    const fromNinetyNine = await shuffledWith(99);
    await withEnv("TEST_SEED", "99", async () => {
      await expect(failing()).rejects.toThrow("TEST_SEED=99");
      expect(await shuffledWith(20_240_612)).toEqual(fromNinetyNine);
    });
  });
});

describe("fast-check seeds", () => {
  test("are the file's own unless FC_SEED names another, and a failure report prints the seed", async () => {
    expect(propertySeed(20_240_612)).toBe(20_240_612);
    await withEnv("FC_SEED", "4242", async () => {
      expect(propertySeed(20_240_612)).toBe(4242);
      const failure = (() => {
        try {
          fc.assert(
            fc.property(fc.nat(), (n) => n < 0),
            { seed: propertySeed(20_240_612) },
          );
        } catch (error) {
          return error as Error;
        }
        throw new Error("the property held");
      })();
      expect(failure.message).toContain("seed: 4242");
    });
  });
});
