// An update backend for core tests that does what electron-updater's generic provider does, in plain Node:
// reads `latest-linux.yml` from the feed, downloads the file it names with progress, and verifies its
// sha512. (electron-updater itself needs Electron; the boot test runs it against the stand-in.)
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';
import type { UpdateBackend } from '../../../src-main/core/updates/update-service';

export interface FeedBackend extends UpdateBackend {
  installs: number;
  /** The verified bytes of the last download. */
  downloaded: Buffer | undefined;
}

export function feedBackend(feedUrl: string): FeedBackend {
  let offered: { files?: { url: string; sha512: string }[] } | undefined;
  const backend: FeedBackend = {
    installs: 0,
    downloaded: undefined,
    async check() {
      const response = await fetch(new URL('latest-linux.yml', feedUrl));
      if (!response.ok) throw new Error(`HTTP ${response.status} from the update feed`);
      const info = yaml.load(await response.text());
      offered = typeof info === 'object' && info !== null ? (info as typeof offered) : undefined;
      return info;
    },
    async download(onProgress) {
      const file = offered?.files?.[0];
      if (!file) throw new Error('the feed names no file');
      const response = await fetch(new URL(file.url, feedUrl));
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} downloading ${file.url}`);
      const total = Number(response.headers.get('content-length')) || 0;
      const parts: Buffer[] = [];
      let received = 0;
      for await (const chunk of response.body) {
        parts.push(Buffer.from(chunk));
        received += chunk.length;
        if (total) onProgress((received / total) * 100);
      }
      const body = Buffer.concat(parts);
      const actual = createHash('sha512').update(body).digest('base64');
      if (actual !== file.sha512)
        throw new Error(`sha512 checksum mismatch, expected ${file.sha512}, got ${actual}`);
      backend.downloaded = body;
    },
    install() {
      backend.installs++;
    },
  };
  return backend;
}
