// autocannon, timed to the last answer. With `amount`, autocannon ends on its next one-second tick after the last
// answer, so `result.duration` is whole seconds plus a little (5,000 answers in 0.45 s report 1.03 s): rates from it
// were low by up to a second's worth and quantised (20,000 requests read 3,992/s or 4,988/s, nothing between).
import autocannon from "autocannon";

export interface Load {
  result: autocannon.Result;
  /** From the start to the last answer. */
  seconds: number;
  /** 2xx answers per second over `seconds`. */
  okPerSecond: number;
}

export function load(options: autocannon.Options): Promise<Load> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    // autocannon calls back with an Error only (an invalid option); the type says any.
    const instance = autocannon(options, (error: Error | null, result) => {
      if (error) return reject(error);
      const seconds = (last - started) / 1000;
      resolve({ result, seconds, okPerSecond: result["2xx"] / (seconds || 1) });
    });
    instance.on("response", () => (last = performance.now()));
  });
}
