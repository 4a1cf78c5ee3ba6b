// The embedded database: PGlite (PostgreSQL compiled to WASM) served on a loopback port by pglite-socket, so the
// very same adapter-pg path runs above it (DESIGN §5). maxConnections must exceed the pool size: with 1, the query
// after any SQL error fails. fsync is off in PGlite: it survives a process crash, not a power cut.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./lock-data-dir.js";

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/** dataDir undefined = in memory (tests). */
export async function startEmbeddedDatabase(options: {
  dataDir?: string;
  poolSize: number;
}): Promise<EmbeddedDatabase> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    const db = await PGlite.create(options.dataDir ? path.join(options.dataDir, "pglite") : undefined);
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: options.poolSize + 4 });
    await server.start();
    return {
      url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      async close() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
