// The spending ledger: every usage record, one JSON line each, in one file per month
// (`<history>/usage/2026-12.jsonl`). Budgets read it, so what was spent stays spent when a conversation is
// deleted, and a restart mid-month starts from the month's real total. Each line is one append, so a killed
// process loses at most the line being written; a torn or foreign line is skipped on reading.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usageRecordSchema, type UsageRecord } from '../../../src-preload/contract';
import { monthKey } from './periods';

export interface LedgerOptions {
  /** The folder of the month files. */
  directory: string;
  now: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export function readLedgerFile(path: string): UsageRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: UsageRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const parsed = usageRecordSchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // a torn last line, or noise
    }
  }
  return records;
}

export function createLedger(options: LedgerOptions) {
  const { directory } = options;
  const pathOf = (month: string) => join(directory, `${month}.jsonl`);
  let month = monthKey(options.now());
  let records = load(month);

  function load(key: string): UsageRecord[] {
    try {
      return readLedgerFile(pathOf(key));
    } catch (error) {
      options.log?.(`usage: could not read the ledger for ${key}`, error);
      return [];
    }
  }
  /** A new month starts with its own (usually empty) file. */
  const follow = () => {
    const current = monthKey(options.now());
    if (current !== month) {
      month = current;
      records = load(month);
    }
  };

  return {
    append(record: UsageRecord): void {
      follow();
      records.push(record);
      try {
        mkdirSync(directory, { recursive: true });
        appendFileSync(pathOf(monthKey(new Date(record.at))), `${JSON.stringify(record)}\n`);
      } catch (error) {
        // The meter still counts it for this run; only the restart would forget it.
        options.log?.('usage: could not write the ledger', error);
      }
    },
    /** This month's records, oldest first. */
    thisMonth(): readonly UsageRecord[] {
      follow();
      return records;
    },
  };
}
export type Ledger = ReturnType<typeof createLedger>;
