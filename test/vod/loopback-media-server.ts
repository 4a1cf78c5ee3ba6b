// A media origin on this machine for PullUpload tests: serves fixed bytes at any path ending in a media extension,
// answers 404 under /missing/, and holds requests under /slow/ until release() (to see a pull while it runs).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startLoopbackMediaServer(bytes: Buffer) {
  const held: Array<() => void> = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const send = () => res.writeHead(200, { "content-type": "video/mp4" }).end(bytes);
    if (req.url?.startsWith("/missing/")) res.writeHead(404).end("not here");
    else if (req.url?.startsWith("/slow/")) held.push(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests,
    release: () => held.splice(0).forEach((send) => send()),
    close: () =>
      new Promise<void>((resolve) => {
        held.splice(0).forEach((send) => send());
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port nothing listens on (bound, then closed). */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
