// The diagnostic log: what happened in this run (session life cycle, errors, devices, hotkeys, updates),
// for the user's "Copy diagnostics" and for a bug report. Written with pino (JSON lines) to a rotating file
// from pino-roll: 5 MB per file, the current one plus 4 older ones. Writes are synchronous, so the lines
// before a crash are on disk even if the process dies a moment later (a native addon's fault, a kill).
//
// The log exists from the first line of main (the shells' fault guard writes to it) but knows its file only
// once the shell opens it (Electron's log folder is known after 'ready'); until then lines wait in memory.
// Every line passes the scrubber on its way out (scrub.ts): secrets never reach the file or the tail.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, stdTimeFunctions, type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { createScrubber } from './scrub';
import { formatLogLines, logFileParts, readLogTail } from './log-tail';

export const LOG_FILE_SIZE = '5m';
/** Rotated files kept besides the current one. */
export const LOG_FILES_KEPT = 4;
/** Lines kept in memory: the tail when no file is written, and what waits for the file to open. */
const MEMORY_LINES = 500;
/** One line in memory is cut here (a huge error message must not make the tail huge). */
const MEMORY_LINE_LIMIT = 8_000;

export type LogFields = Record<string, unknown>;
/** The fields pino writes itself: a record's own field of that name would replace it. */
const RESERVED = ['level', 'time', 'msg', 'pid'];

export interface AppLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** `error`: an Error (its message and stack are kept, scrubbed) or anything else that was thrown. */
  error(event: string, error?: unknown, fields?: LogFields): void;
  /** A value that must never appear in the log (the API key, an MCP server's secret). */
  addSecret(secret: string): void;
  /** The same nets over any text that leaves the app with the log (the diagnostics report). */
  scrub(text: string): string;
  /** Opens the rotating file at `<base>.<n>.<ext>` for `file`; lines logged so far go in first. */
  open(file: string): Promise<void>;
  /** The file written now and its folder; undefined while no file is open. */
  location(): { file: string; folder: string } | undefined;
  /** The newest `count` lines, oldest first, as people read them. */
  tail(count: number): Promise<string[]>;
  close(): Promise<void>;
}

type Boom = Awaited<ReturnType<typeof pinoRoll>>;

export interface AppLogOptions {
  /** The file could not be written (a full disk, a removed folder): the log goes on in memory. */
  onFileError?: (error: Error) => void;
  /** Rotation size in pino-roll's terms ('5m', '200k'); tests make it small. */
  fileSize?: string;
  filesKept?: number;
}

export function createAppLog(options: AppLogOptions = {}): AppLog {
  const scrubber = createScrubber();
  /** The newest lines, already scrubbed: the tail while no file is written. */
  const recent: string[] = [];
  /** Lines logged before the file opened, written into it first. */
  let backlog: string[] | undefined = [];
  let boom: Boom | undefined;
  let base: string | undefined;
  let closed = false;

  const keep = (list: string[], line: string) => {
    list.push(line.length > MEMORY_LINE_LIMIT ? `${line.slice(0, MEMORY_LINE_LIMIT)}…\n` : line);
    if (list.length > MEMORY_LINES) list.splice(0, list.length - MEMORY_LINES);
  };
  const fileFailed = (error: Error) => {
    // The log never takes the app down: without its file it goes on in memory (the tail still works).
    boom = undefined;
    base = undefined;
    options.onFileError?.(error);
  };
  const toFile = (line: string) => {
    try {
      boom?.write(line);
    } catch (error) {
      fileFailed(error as Error);
    }
  };

  const destination = {
    write(line: string) {
      const clean = scrubber.scrubText(line);
      keep(recent, clean);
      if (boom) toFile(clean);
      else if (backlog) keep(backlog, clean);
    },
  };
  const logger: Logger = pino(
    {
      level: 'info',
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );

  /** A record's own fields, scrubbed; one named like pino's (level, time, msg, pid) gets a trailing _. */
  const fields = (extra: LogFields | undefined): LogFields => {
    if (!extra) return {};
    const clean = scrubber.scrubValue(extra) as LogFields;
    for (const key of RESERVED) {
      if (!(key in clean)) continue;
      clean[`${key}_`] = clean[key];
      delete clean[key];
    }
    return clean;
  };

  return {
    info: (event, extra) => logger.info(fields(extra), event),
    warn: (event, extra) => logger.warn(fields(extra), event),
    error: (event, error, extra) =>
      logger.error(
        { ...fields(extra), ...(error === undefined ? {} : { error: scrubber.scrubValue(error) }) },
        event,
      ),
    addSecret: (secret) => scrubber.add(secret),
    scrub: (text) => scrubber.scrubText(text),
    async open(file) {
      if (closed || boom) return;
      mkdirSync(dirname(file), { recursive: true });
      const { base: path, extension } = logFileParts(file);
      const opened = await pinoRoll({
        file: path,
        extension,
        size: options.fileSize ?? LOG_FILE_SIZE,
        limit: { count: options.filesKept ?? LOG_FILES_KEPT, removeOtherLogFiles: true },
        sync: true,
        mkdir: true,
      });
      opened.on('error', (error: Error) => fileFailed(error));
      base = file;
      boom = opened;
      for (const line of backlog ?? []) toFile(line);
      backlog = undefined;
    },
    location() {
      if (!boom || !base) return undefined;
      // pino-roll reopens the stream on each rotation; SonicBoom's `file` is the one written now (untyped).
      const file = (boom as unknown as { file: string }).file;
      return { file, folder: dirname(file) };
    },
    async tail(count) {
      if (base && boom) {
        try {
          return await readLogTail(base, count);
        } catch {
          // The folder went away or is unreadable: what this run logged is still in memory.
        }
      }
      return formatLogLines(recent.slice(-count));
    },
    async close() {
      closed = true;
      backlog = undefined;
      const open = boom;
      boom = undefined;
      if (!open) return;
      await new Promise<void>((resolve) => {
        open.once('close', () => resolve());
        open.once('error', () => resolve());
        open.end();
      });
    },
  };
}

/**
 * A shell's log function that also writes to the app log: a message with an error is an error, one without
 * a warning (the shells use it for what went wrong, never for chatter).
 */
export function alsoToAppLog(
  log: (message: string, error?: unknown) => void,
  appLog: AppLog,
): (message: string, error?: unknown) => void {
  return (message, error) => {
    log(message, error);
    if (error === undefined) appLog.warn(message);
    else appLog.error(message, error);
  };
}
