// Typed option values: each parser turns the text of a flag into its value or throws commander's
// InvalidArgumentError, which commander reports as a usage error naming the flag and the value.
import { InvalidArgumentError } from "commander";
import type { z } from "zod";
import { durationSchema } from "../config.js";

export const optionValue = {
  /** A whole number from min to max. */
  integer(min: number, max: number) {
    return (text: string): number => {
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < min || value > max)
        throw new InvalidArgumentError(`Must be a whole number from ${min} to ${max}.`);
      return value;
    };
  },
  /** A duration (30s, 15m, 2h, 1d) in milliseconds, with whatever bounds the schema adds. */
  duration(schema: z.ZodType<number, string> = durationSchema) {
    return (text: string): number => {
      const parsed = schema.safeParse(text);
      if (!parsed.success)
        throw new InvalidArgumentError(`${sentence(parsed.error.issues[0]?.message ?? "must be a duration")}.`);
      return parsed.data;
    };
  },
  /** One of a closed set, in any case (push = PUSH): VOD's own values are upper case. */
  oneOf<Choice extends string>(choices: readonly Choice[]) {
    return (text: string): Choice => {
      const value = choices.find((choice) => choice === text.toUpperCase());
      if (value === undefined) throw new InvalidArgumentError(`Must be one of ${choices.join(", ")}.`);
      return value;
    };
  },
};

/** Commander appends the reason to "argument 'x' is invalid." */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
