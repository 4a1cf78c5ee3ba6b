// The notification endpoints a test file makes (each with a fresh whsec_ secret), removed after every test so that
// one test's endpoint never receives the next test's messages. Call at the top level of a test file.
import type { Db } from "../../../src/db/db.js";
import { createNotifyEndpoint, deleteNotifyEndpoint } from "../../../src/db/notify-endpoint-store.js";
import { generateSecret } from "../../../src/notify/sign-notification.js";

export function testEndpoints(db: () => Db) {
  const made: string[] = [];
  afterEach(async () => {
    for (const id of made.splice(0)) await deleteNotifyEndpoint(db(), id);
  });
  return async function endpoint(
    eventTypes: string[] = [],
    url = "https://app.example/hook",
    options: { enabled?: boolean } = {},
  ): Promise<{ id: string; secret: string }> {
    const { endpoint, secret } = await createNotifyEndpoint(db(), {
      url,
      secret: generateSecret(),
      eventTypes,
      ...options,
    });
    made.push(endpoint.id);
    return { id: endpoint.id, secret };
  };
}
