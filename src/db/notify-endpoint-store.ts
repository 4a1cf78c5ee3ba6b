// Endpoints that receive notifications (issue 16 §1), managed by admins. The secret is stored (it signs) and given
// out only by createNotifyEndpoint and rotateEndpointSecret; every other reader gets an endpoint without it.
import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import type { Db } from "./db.js";
import type { NotifyEndpoint } from "./generated/client.js";

/** How long the previous secret keeps signing after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** The endpoint NOTIFY_URL and NOTIFY_SECRET configure. */
export const CONFIG_ENDPOINT_ID = "ep_config";

export type EndpointView = Omit<NotifyEndpoint, "secret" | "previousSecret">;

export interface EndpointFields {
  url: string;
  description?: string;
  eventTypes?: string[];
  enabled?: boolean;
}

const withoutSecrets = ({ secret: _secret, previousSecret: _previous, ...view }: NotifyEndpoint): EndpointView => view;
const notFound = (id: string) => new AppError("not_found", `no endpoint ${id}`);

export async function createNotifyEndpoint(
  db: Db,
  fields: EndpointFields & { secret: string },
): Promise<{ endpoint: EndpointView; secret: string }> {
  const row = await db.prisma.notifyEndpoint.create({
    data: {
      id: `ep_${randomBytes(10).toString("hex")}`,
      url: fields.url,
      description: fields.description ?? "",
      eventTypes: fields.eventTypes ?? [],
      enabled: fields.enabled ?? true,
      secret: fields.secret,
    },
  });
  return { endpoint: withoutSecrets(row), secret: row.secret };
}

export async function listNotifyEndpoints(db: Db): Promise<EndpointView[]> {
  return (await db.prisma.notifyEndpoint.findMany({ orderBy: { createdAt: "asc" } })).map(withoutSecrets);
}

export async function getNotifyEndpoint(db: Db, id: string): Promise<EndpointView> {
  const row = await db.prisma.notifyEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound(id);
  return withoutSecrets(row);
}

/** Enabling an endpoint clears why it was disabled. */
export async function updateNotifyEndpoint(db: Db, id: string, fields: Partial<EndpointFields>): Promise<EndpointView> {
  const { count } = await db.prisma.notifyEndpoint.updateMany({
    where: { id },
    data: { ...fields, ...(fields.enabled === true ? { disabledReason: null } : {}), updatedAt: new Date() },
  });
  if (count === 0) throw notFound(id);
  return getNotifyEndpoint(db, id);
}

/** Its messages go with it, and their attempts with them (neither has a foreign key). */
export async function deleteNotifyEndpoint(db: Db, id: string): Promise<void> {
  const client = await db.pool.connect();
  let broken: unknown;
  try {
    await client.query("BEGIN");
    // Endpoint first, messages after, in two statements: NotifyMessage has no foreign key (record-events-sql.ts,
    // writeMessages), so the endpoint's row lock is what keeps a message from naming a missing endpoint. Deleting
    // the row waits for the statements writing messages for it (they hold FOR KEY SHARE) to commit; the next
    // statement's snapshot sees what they wrote. Statements after it skip the deleted row. The statement recording
    // attempts locks the endpoint the same way (record-attempts.ts).
    const deleted = await client.query(`DELETE FROM "NotifyEndpoint" WHERE id = $1`, [id]);
    if (deleted.rowCount === 0) throw notFound(id);
    await client.query(`DELETE FROM "NotifyMessage" WHERE "endpointId" = $1`, [id]);
    await client.query(`DELETE FROM "NotifyAttempt" WHERE "endpointId" = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    // A connection that cannot even roll back is not handed out again.
    await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/** The new secret signs from now on; the one it replaces signs beside it for SECRET_OVERLAP_MS. */
export async function rotateEndpointSecret(db: Db, id: string, secret: string): Promise<{ secret: string }> {
  const result = await db.pool.query(
    `UPDATE "NotifyEndpoint" SET "previousSecret" = secret, secret = $2,
       "previousSecretUntil" = now() + $3 * interval '1 millisecond', "updatedAt" = now()
     WHERE id = $1`,
    [id, secret, SECRET_OVERLAP_MS],
  );
  if (result.rowCount === 0) throw notFound(id);
  return { secret };
}

/** NOTIFY_URL + NOTIFY_SECRET: one endpoint for every type, written at start so configuration wins over edits. */
export async function upsertConfigEndpoint(db: Db, config: { url: string; secret: string }): Promise<void> {
  await db.prisma.notifyEndpoint.upsert({
    where: { id: CONFIG_ENDPOINT_ID },
    create: { id: CONFIG_ENDPOINT_ID, url: config.url, secret: config.secret, description: "NOTIFY_URL" },
    update: { url: config.url, secret: config.secret, updatedAt: new Date() },
  });
}
