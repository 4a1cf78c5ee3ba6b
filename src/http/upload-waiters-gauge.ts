// The long polls' gauge (issue 16 §5): waits in progress in this process, read at scrape time from the upload watch
// (src/db/create-upload-watch.ts). Registered once per registry; apps sharing one registry add up.
import { Gauge, type Registry } from "prom-client";

const NAME = "vod_tracker_upload_waiters";
const sources = new WeakMap<Registry, Array<() => number>>();

export function registerUploadWaitersGauge(registry: Registry, count: () => number): void {
  let counts = sources.get(registry);
  if (!counts) {
    const all: Array<() => number> = (counts = []);
    sources.set(registry, all);
    new Gauge({
      name: NAME,
      help: "Requests waiting on an upload's status (GET /v1/uploads/:ref?waitFor=)",
      registers: [registry],
      collect() {
        this.set(all.reduce((total, next) => total + next(), 0));
      },
    });
  }
  counts.push(count);
}
