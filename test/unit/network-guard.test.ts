// The network guard every jest config installs through setupFiles (test/support/jest-setup.ts): this file does not
// install it itself, so it also proves the configs do. 10.255.255.1 is a private address nothing answers on: a
// connection attempt there would hang, not fail, so a prompt refusal can only come from the guard.
import dns from "node:dns";
import http from "node:http";
import net from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { NETWORK_GUARD_CODE } from "../support/install-network-guard.js";

const FAR = "10.255.255.1";
const refusal = (host: string) => expect.objectContaining({ code: NETWORK_GUARD_CODE, host });

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("the call did not throw");
}

async function connected(options: net.NetConnectOpts): Promise<void> {
  const socket = net.connect(options);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.destroy();
}

describe("network guard", () => {
  test("refuses a TCP connection to a non-loopback address at once, naming the host", () => {
    expect(thrownBy(() => net.connect({ host: FAR, port: 9 }))).toEqual(refusal(FAR));
    expect(thrownBy(() => net.createConnection(9, FAR))).toEqual(refusal(FAR));
    expect(thrownBy(() => new net.Socket().connect(9, FAR))).toEqual(refusal(FAR));
  });

  test("refuses TLS, http and fetch to anything but loopback", async () => {
    expect(thrownBy(() => tls.connect({ host: "vod.tencentcloudapi.com", port: 443 }))).toEqual(
      refusal("vod.tencentcloudapi.com"),
    );
    expect(thrownBy(() => http.get(`http://${FAR}:9/`))).toEqual(refusal(FAR));
    // Port 9 is on fetch's own list of blocked ports: 8080 reaches the connect step.
    const failure = await fetch(`http://${FAR}:8080/`, { signal: AbortSignal.timeout(5_000) }).catch((error) => error);
    expect((failure as Error).cause).toEqual(refusal(FAR));
  });

  test("refuses to resolve a name that is not local", async () => {
    expect(thrownBy(() => dns.lookup("example.com", () => undefined))).toEqual(refusal("example.com"));
    await expect(dns.promises.lookup("example.com")).rejects.toEqual(refusal("example.com"));
  });

  test("lets connections to 127.0.0.1, localhost and a unix socket through", async () => {
    const dir = await mkdtemp(join(tmpdir(), "network-guard-"));
    const server = net.createServer((socket) => socket.end());
    const unixServer = net.createServer((socket) => socket.end());
    try {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as net.AddressInfo;
      await connected({ host: "127.0.0.1", port });
      await connected({ host: "localhost", port, family: 4 });
      expect((await dns.promises.lookup("localhost", { family: 4 })).address).toBe("127.0.0.1");
      const path = join(dir, "guard.sock");
      await new Promise<void>((resolve) => unixServer.listen(path, resolve));
      await connected({ path });
    } finally {
      server.close();
      unixServer.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each(["jest.config.js", "jest.reliability.config.js", "jest.browser.config.js"])(
    "is set up by %s",
    async (name) => {
      const config = (await import(new URL(`../../${name}`, import.meta.url).href)) as {
        default: { setupFiles?: string[] };
      };
      expect(config.default.setupFiles).toContain("<rootDir>/test/support/jest-setup.ts");
    },
  );
});
