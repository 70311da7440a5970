// A conversation as Markdown (to read or paste) or JSON (to process).
import type { ConversationSummary, TranscriptItem, UsageRecord } from '../../../src-preload/contract';
import { totalsLine, usageTable } from '../usage/describe';

const speaker: Record<TranscriptItem['role'], string> = {
  user: 'You',
  assistant: 'Assistant',
  tool: 'Tool',
  system: 'System',
};

export function conversationToMarkdown(
  summary: ConversationSummary,
  items: TranscriptItem[],
  usage: readonly UsageRecord[] = [],
): string {
  const lines = [
    `# ${summary.title}`,
    '',
    `Profile: ${summary.profileName} · Started: ${summary.startedAt}`,
    '',
  ];
  for (const item of items) {
    const time = item.at.slice(11, 19);
    if (item.tool) {
      lines.push(`**${speaker[item.role]}** (${time}): \`${item.tool.name}(${item.tool.arguments})\``);
      if (item.tool.output !== undefined) lines.push('', '```', item.tool.output, '```');
      if (item.tool.error !== undefined) lines.push('', `Error: ${item.tool.error}`);
    } else {
      const flags = [item.interrupted ? '_(interrupted)_' : '', item.final ? '' : '_(unfinished)_'].filter(
        Boolean,
      );
      lines.push(
        `**${speaker[item.role]}** (${time}): ${item.text}${flags.length ? ` ${flags.join(' ')}` : ''}`,
      );
    }
    // Thumbnails inline (data URLs), so the one exported file carries them.
    for (const image of item.images ?? [])
      lines.push(
        '',
        image.thumbnail ? `![image ${image.width}×${image.height}](${image.thumbnail})` : '_(image)_',
      );
    lines.push('');
  }
  if (summary.usage) lines.push('## Usage', '', totalsLine(summary.usage), '', ...usageTable(usage), '');
  return lines.join('\n');
}

/** The conversation's summary (with its usage totals), its items, and each response's usage record. */
export function conversationToJson(
  summary: ConversationSummary,
  items: TranscriptItem[],
  usage: readonly UsageRecord[] = [],
): string {
  return `${JSON.stringify({ conversation: summary, items, usage }, null, 2)}\n`;
}
