// An MCP tool result → the `function_call_output.output` string the model reads. Text (and structured
// content) goes as it is; images, audio and resources are described, not sent (a function output is text);
// an output over the cap is cut with a note saying so, so the model knows it has not seen everything.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Enough for a page of text or a directory listing; more would cost every later response its tokens again. */
export const MAX_OUTPUT_CHARS = 16_384;

type Block = CallToolResult['content'][number];

const bytesOfBase64 = (data: string): number =>
  Math.floor((data.length * 3) / 4) - (data.match(/=*$/)?.[0].length ?? 0);

function describe(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${bytesOfBase64(block.data)} bytes, not shown]`;
    case 'resource_link':
      return `[resource link: ${block.name} <${block.uri}>${block.mimeType ? ` (${block.mimeType})` : ''}${
        block.description ? ` — ${block.description}` : ''
      }]`;
    case 'resource': {
      const r = block.resource;
      const head = `[resource <${r.uri}>${r.mimeType ? ` (${r.mimeType})` : ''}]`;
      if ('text' in r && typeof r.text === 'string') return `${head}\n${r.text}`;
      const blob = 'blob' in r && typeof r.blob === 'string' ? r.blob : '';
      return `${head} ${bytesOfBase64(blob)} bytes of binary content, not shown`;
    }
    default:
      return `[${(block as { type: string }).type} content, not shown]`;
  }
}

/** Cuts `text` to the cap, with a note of how much there was. */
export function capOutput(text: string, cap = MAX_OUTPUT_CHARS): string {
  if (text.length <= cap) return text;
  const note = `\n[cut: the tool returned ${text.length} characters; only the first ${cap} are given]`;
  return text.slice(0, cap) + note;
}

export interface ToolOutput {
  output: string;
  /** The tool itself reported a failure (`isError`). */
  error?: string;
}

export function outputOf(result: CallToolResult): ToolOutput {
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.map(describe).join('\n');
  if (result.isError) {
    const error = capOutput(text || 'the tool reported an error');
    return { output: JSON.stringify({ error }), error };
  }
  const structured = result.structuredContent;
  if (structured !== undefined) {
    const json = JSON.stringify(structured);
    // Servers are asked to repeat structured content as text too: sent once.
    const output = !text || text.trim() === json ? json : `${text}\n${json}`;
    return { output: capOutput(output) };
  }
  return { output: capOutput(text) };
}
