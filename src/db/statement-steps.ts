// The steps a hot-path statement runs besides recording its events and upserting their uploads, and the name of
// the prepared statement of each set (record-events-sql.ts explains the steps; record-event.ts picks the set a group
// needs).
/** Which steps a statement runs besides recording the events and upserting their uploads (see the header). */
export interface Steps {
  links: boolean;
  linkOnly: boolean;
  derived: boolean;
  outputs: boolean;
  tasks: boolean;
  deletes: boolean;
  /** Reviews (issue 15): the Upload's review columns, by the review rule. */
  review: boolean;
  /** PullComplete (issue 15): the Upload's pull columns. Such events run in a transaction of their own
   *  (record-pull-event.ts), so a group of callbacks never has this step. */
  pull: boolean;
}

export const noSteps: Steps = {
  links: false,
  linkOnly: false,
  derived: false,
  outputs: false,
  tasks: false,
  deletes: false,
  review: false,
  pull: false,
};
/** Every step: the admin replay's one statement, which must apply whatever a stored event holds. */
export const allSteps: Steps = {
  links: true,
  linkOnly: true,
  derived: true,
  outputs: true,
  tasks: true,
  deletes: true,
  review: true,
  pull: true,
};

const stepLetters: Record<keyof Steps, string> = {
  links: "l",
  linkOnly: "k",
  derived: "d",
  outputs: "o",
  tasks: "t",
  deletes: "x",
  review: "r",
  pull: "p",
};

/** The statement's name: "record-events", then a letter per step ("record-events-lo"). */
export function stepsName(base: string, steps: Steps): string {
  const letters = (Object.keys(stepLetters) as Array<keyof Steps>).filter((step) => steps[step]);
  return letters.length ? `${base}-${letters.map((step) => stepLetters[step]).join("")}` : base;
}
