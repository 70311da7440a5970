// One conversation on disk: an append-only JSON-lines file. Lines are
//   {"k":"start","conversationId","profileName","startedAt"}   once, first
//   {"k":"item","item":{…TranscriptItem}}                      a whole item (new, replaced, or final)
//   {"k":"append","id","text"}                                 a streaming item grew by `text`
// Each line is written with one write(2) as it happens, so a killed process keeps everything up to the
// last delta (the kernel holds what was written); a torn last line is skipped when reading.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { transcriptItemSchema, type TranscriptItem } from '../../../src-preload/contract';

export interface ConversationHeader {
  conversationId: string;
  profileName: string;
  startedAt: string;
}

export interface ConversationContent {
  header: ConversationHeader;
  /** In first-seen order, each at its latest state. */
  items: TranscriptItem[];
}

type Line =
  | ({ k: 'start' } & ConversationHeader)
  | { k: 'item'; item: TranscriptItem }
  | { k: 'append'; id: string; text: string };

export class ConversationWriter {
  private readonly fd: number;
  /** Text already on disk per item id, to write only what a streaming update adds. */
  private readonly written = new Map<string, TranscriptItem>();

  constructor(
    readonly path: string,
    header: ConversationHeader,
  ) {
    this.fd = openSync(path, 'a');
    this.line({ k: 'start', ...header });
  }

  record(item: TranscriptItem): void {
    const before = this.written.get(item.id);
    const onlyGrew =
      before !== undefined &&
      !item.final &&
      !before.final &&
      item.text.startsWith(before.text) &&
      sameExceptText(before, item);
    if (onlyGrew) {
      if (item.text.length > before.text.length) {
        this.line({ k: 'append', id: item.id, text: item.text.slice(before.text.length) });
      }
    } else {
      this.line({ k: 'item', item });
    }
    this.written.set(item.id, item);
  }

  close(): void {
    closeSync(this.fd);
  }

  private line(line: Line) {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }
}

const sameExceptText = (a: TranscriptItem, b: TranscriptItem) =>
  a.role === b.role && a.interrupted === b.interrupted && JSON.stringify(a.tool) === JSON.stringify(b.tool);

/** Replays a conversation file; undefined when it has no readable start line. */
export function readConversation(path: string): ConversationContent | undefined {
  const items = new Map<string, TranscriptItem>();
  let header: ConversationHeader | undefined;
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (!text) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue; // a torn last line from a killed process
    }
    if (line.k === 'start') {
      header ??= {
        conversationId: line.conversationId,
        profileName: line.profileName,
        startedAt: line.startedAt,
      };
    } else if (line.k === 'item') {
      const parsed = transcriptItemSchema.safeParse(line.item);
      if (parsed.success) items.set(parsed.data.id, parsed.data);
    } else if (line.k === 'append') {
      const item = items.get(line.id);
      if (item && typeof line.text === 'string') items.set(line.id, { ...item, text: item.text + line.text });
    }
  }
  return header ? { header, items: [...items.values()] } : undefined;
}
