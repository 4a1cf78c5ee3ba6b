// A stand-in for VOD's CDN on a loopback port: serves test/browser/media (a 2-second H.264 MP4, the same video as
// an HLS master playlist with one variant and two segments, JPEG cover, snapshots and sprite, a WebVTT) by file
// name, whatever the path, so a real callback's URLs work once their origin is swapped. CORS is open as on a VOD
// domain whose CORS is configured: hls.js fetches the playlists and segments itself. Made with ffmpeg's testsrc:
// `-f lavfi -i testsrc=size=160x90:rate=12 -t 2 -c:v libx264 -profile:v baseline -pix_fmt yuv420p -crf 26 -an`,
// once as MP4 (+faststart) and once with `-f hls -hls_time 1 -hls_playlist_type vod`, the segments renamed .mp2t
// (a .ts file is TypeScript to tsc, jest and the linters; hls.js reads the bytes, not the name); the images are
// single testsrc frames, the sprite a 5×2 `tile` of them.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname } from "node:path";

const MEDIA_DIR = new URL("./media/", import.meta.url);
const TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".m3u8": "application/vnd.apple.mpegurl",
  ".mp2t": "video/mp2t",
  ".jpg": "image/jpeg",
  ".vtt": "text/vtt",
};

export interface TestMedia {
  origin: string;
  /** File names asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveTestMedia(): Promise<TestMedia> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const name = basename(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(name);
    res.setHeader("Access-Control-Allow-Origin", "*");
    const type = TYPES[extname(name)];
    if (!type || name.includes("..")) return res.writeHead(404).end();
    readFile(new URL(name, MEDIA_DIR)).then(
      (body) => res.writeHead(200, { "Content-Type": type, "Content-Length": body.length }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
