// The uploads a reconcile sweep checks against VOD (DESIGN §7): not final, and quiet since `updatedBefore` —
// PENDING, PROCESSING, or UPLOADED with a task flow still to report (a Procedure was named or a task id is known;
// an UPLOADED upload without one is final). Oldest first, one keyset page over (updatedAt, id) at a time; a
// repaired upload's updatedAt moves past the cut, so pages stay consistent while the sweep repairs them.
import type { Db } from "./db.js";
import type { Upload } from "./generated/client.js";

export interface CandidateWindow {
  updatedBefore: Date;
  /** Older uploads are left out (see reconcile-sweep.ts for why there is a horizon). */
  updatedAfter: Date;
  after?: { updatedAt: Date; id: string };
  limit: number;
}

export function listReconcileCandidates(db: Db, window: CandidateWindow): Promise<Upload[]> {
  const { after } = window;
  return db.prisma.upload.findMany({
    where: {
      updatedAt: { lt: window.updatedBefore, gte: window.updatedAfter },
      AND: [
        {
          OR: [
            { status: { in: ["PENDING", "PROCESSING"] } },
            { status: "UPLOADED", OR: [{ procedureTaskId: { not: null } }, { procedure: { not: null } }] },
          ],
        },
        after
          ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] }
          : {},
      ],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: window.limit,
  });
}
