// The batching of group commit (DESIGN §10) for reads: requests that arrive while statements are in flight are
// served together by the next statement, and a lone request runs at once — nothing waits for a timer. Only
// requests with the same `shapeOf` share a statement (one SQL text per shape). Each request still gets its own
// answer, or the batch's error.
export interface BatchOptions<I> {
  /** Requests with different shapes never share a batch. */
  shapeOf?: (item: I) => string;
  /** Largest batch per statement. */
  maxBatch?: number;
  /** Statements in flight at once (each holds a pool connection; the rest of the pool stays for writes). */
  maxInFlight?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(result: O): void;
  reject(error: unknown): void;
}

/** `run` answers a batch with one result per item, in the items' order. */
export function batchWhileBusy<I, O>(run: (items: I[]) => Promise<O[]>, options: BatchOptions<I> = {}): (item: I) => Promise<O> {
  const shapeOf = options.shapeOf ?? (() => "");
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  const queue: Array<Waiting<I, O>> = [];
  let inFlight = 0;

  const takeBatch = (): Array<Waiting<I, O>> => {
    const shape = shapeOf((queue[0] as Waiting<I, O>).item);
    const batch: Array<Waiting<I, O>> = [];
    for (let index = 0; index < queue.length && batch.length < maxBatch; ) {
      if (shapeOf((queue[index] as Waiting<I, O>).item) === shape) batch.push(...queue.splice(index, 1));
      else index += 1;
    }
    return batch;
  };

  const execute = async (batch: Array<Waiting<I, O>>): Promise<void> => {
    try {
      const results = await run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => waiting.resolve(results[index] as O));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  };

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      inFlight += 1;
      void execute(takeBatch()).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
