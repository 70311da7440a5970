// A local update feed as electron-builder publishes one: `latest-linux.yml` (generated here, with the
// sha512 of the file it names) and the file itself, over real HTTP on 127.0.0.1. Counts every request, so
// a test can tell whether the app asked at all.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import yaml from 'js-yaml';

export interface FeedRelease {
  version: string;
  /** The "installer" served for it; its sha512 goes into the yml. */
  file: Buffer;
  fileName?: string;
  releaseDate?: string;
}

export interface UpdateFeed {
  /** `http://127.0.0.1:PORT/` (the generic provider's `url`). */
  url: string;
  requests: string[];
  release(next: FeedRelease): void;
  /** Answer every request with this HTTP status (500: a broken server), or serve normally (undefined). */
  failWith(status: number | undefined): void;
  /** Serve this text as the yml instead of the generated one. */
  serveYml(text: string | undefined): void;
  /** Serve the file with a byte changed (its sha512 no longer matches). */
  corruptFile(on: boolean): void;
  close(): Promise<void>;
}

export const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

/** The `latest-linux.yml` electron-builder writes for an AppImage. */
export function latestYml(release: FeedRelease): string {
  const url = release.fileName ?? `Voice-Assistant-${release.version}.AppImage`;
  return yaml.dump({
    version: release.version,
    files: [{ url, sha512: sha512(release.file), size: release.file.length }],
    path: url,
    sha512: sha512(release.file),
    releaseDate: release.releaseDate ?? '2026-12-01T10:00:00.000Z',
  });
}

export async function startUpdateFeed(first: FeedRelease): Promise<UpdateFeed> {
  let current = first;
  let status: number | undefined;
  let ymlOverride: string | undefined;
  let corrupt = false;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    if (status) return void res.writeHead(status).end('server trouble');
    const fileName = current.fileName ?? `Voice-Assistant-${current.version}.AppImage`;
    if (path === '/latest-linux.yml') {
      return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(ymlOverride ?? latestYml(current));
    }
    if (path === `/${fileName}`) {
      const body = Buffer.from(current.file);
      if (corrupt) body[0] = body[0]! ^ 0xff;
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
        .end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    release: (next) => void (current = next),
    failWith: (next) => void (status = next),
    serveYml: (text) => void (ymlOverride = text),
    corruptFile: (on) => void (corrupt = on),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
