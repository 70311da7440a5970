// Reading the log back: the newest lines across the rotated files, formatted for people ("Copy
// diagnostics" pastes them into a bug report). pino-roll names the files `<base>.<n>.<ext>`, the highest n
// being the one written now.
import { open, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** How far back one file is read: more than 200 lines of any plausible length, far less than 5 MB. */
const READ_BYTES = 256 * 1024;

/** `/logs/main.log` → base `/logs/main`, extension `log` (what pino-roll makes of a file name). */
export function logFileParts(file: string): { base: string; extension: string } {
  const extension = extname(file);
  return extension.length > 1
    ? { base: file.slice(0, -extension.length), extension: extension.slice(1) }
    : { base: file, extension: 'log' };
}

/** The files of the log written for `file`, newest first. */
export async function logFiles(file: string): Promise<string[]> {
  const { base, extension } = logFileParts(file);
  const folder = dirname(base);
  const prefix = `${basename(base)}.`;
  const suffix = `.${extension}`;
  const numbered: { path: string; n: number }[] = [];
  for (const name of await readdir(folder)) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const n = Number(name.slice(prefix.length, -suffix.length));
    if (Number.isInteger(n) && n > 0) numbered.push({ path: join(folder, name), n });
  }
  return numbered.sort((a, b) => b.n - a.n).map((f) => f.path);
}

async function lastLinesOf(path: string, count: number): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - READ_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A cut first line (read from the middle of the file) is dropped; so is the empty one after the last \n.
    if (start > 0) lines.shift();
    return lines.filter((line) => line.length > 0).slice(-count);
  } finally {
    await handle.close();
  }
}

/** The newest `count` lines of the log written for `file`, oldest first, formatted. */
export async function readLogTail(file: string, count: number): Promise<string[]> {
  let lines: string[] = [];
  for (const path of await logFiles(file)) {
    lines = [...(await lastLinesOf(path, count - lines.length)), ...lines];
    if (lines.length >= count) break;
  }
  return formatLogLines(lines);
}

/** One pino JSON line → `2026-05-01T10:00:00.000Z INFO  session {"status":"ready"}`; other text as it is. */
export function formatLogLines(lines: readonly string[]): string[] {
  return lines.map((raw) => {
    const line = raw.replace(/\n$/, '');
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return line;
    }
    if (typeof record !== 'object' || record === null) return line;
    const { time, level, msg, pid: _pid, ...rest } = record;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time)} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${extra}`;
  });
}
