// Hand measurement of issue 5: server-side upload throughput through the local VOD emulator, i.e. `vod-tracker
// upload` minus the CLI: ApplyUpload → COS multipart (5 MiB parts, N in parallel) → CommitUpload, for N = 1, 2, 4,
// 8. Prints figures; asserts nothing. cpu_s is this process's CPU time (user + system, all its threads) during
// the run: near `seconds` or above it means the upload is bound by CPU, not by the loopback network.
//   npx tsx bench/upload-throughput.ts          # 256 MiB
//   npx tsx bench/upload-throughput.ts 1024     # size in MiB
// Hazard when reading the figures: the emulator runs in this process and keeps every object in memory, so the
// client and the COS endpoint share one event loop (and its CPU), and RSS includes the stored object. The emulator
// is reset after each run so that only one copy is held at a time.
import { randomFillSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMULATOR_DEMO_CREDENTIALS } from "../src/emulator/demo-credentials.js";
import { startEmulator } from "../src/emulator/start-emulator.js";
import { createVodClient } from "../src/vod/client.js";
import { PART_SIZE_BYTES, uploadFile } from "../src/vod/upload-file.js";

const MiB = 1024 * 1024;
const CONCURRENCIES = [1, 2, 4, 8];
const WARM_UP_MIB = 16;

const sizeMib = Number(process.argv[2] ?? 256);
if (!Number.isInteger(sizeMib) || sizeMib < 1) {
  console.error("usage: npx tsx bench/upload-throughput.ts [size in MiB, default 256]");
  process.exit(2);
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-upload-bench-"));
const emulator = await startEmulator({ ...EMULATOR_DEMO_CREDENTIALS, port: 0 });
try {
  const vod = createVodClient({ ...EMULATOR_DEMO_CREDENTIALS, region: "ap-guangzhou", endpoint: emulator.url });
  const deps = { vod, db: null, cosEndpoint: emulator.cosUrl, stateDir: path.join(workDir, "state") };
  const upload = async (filePath: string, concurrency: number) => {
    const result = await uploadFile(deps, { filePath, concurrency, mediaName: "bench" });
    if (!result.fileId) throw new Error("CommitUpload returned no FileId");
    emulator.reset();
  };

  await upload(writeRandomFile(path.join(workDir, "warm-up.mp4"), WARM_UP_MIB), 4); // JIT, sockets, COS SDK
  const filePath = writeRandomFile(path.join(workDir, "bench.mp4"), sizeMib);
  for (const concurrency of CONCURRENCIES) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await upload(filePath, concurrency);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `size_mib=${sizeMib} part_mib=${PART_SIZE_BYTES / MiB} concurrency=${concurrency} seconds=${seconds.toFixed(2)} ` +
        `mib_per_s=${(sizeMib / seconds).toFixed(1)} cpu_s=${((cpu.user + cpu.system) / 1e6).toFixed(2)} rss_mib=${(process.memoryUsage().rss / MiB).toFixed(0)} ` +
        `max_rss_mib=${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
    );
  }
} finally {
  await emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}

/** Random bytes (the emulator does not decode media), written 16 MiB at a time. */
function writeRandomFile(filePath: string, mib: number): string {
  const chunk = Buffer.alloc(Math.min(16, mib) * MiB);
  const fd = fs.openSync(filePath, "w");
  try {
    for (let written = 0; written < mib * MiB; written += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, mib * MiB - written));
      fs.writeSync(fd, randomFillSync(part));
    }
  } finally {
    fs.closeSync(fd);
  }
  return filePath;
}
