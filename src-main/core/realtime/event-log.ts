// Entries of the window's event-log panel: one client or server event each, audio payloads replaced by sizes
// and secrets by a placeholder.
import { SECRET_PLACEHOLDER, type RealtimeLogEntry } from '../../../src-preload/contract';
import { elideAudio, type ClientEvent, type ServerEvent } from './protocol';

export const logEntry = (
  direction: 'client' | 'server',
  event: ClientEvent | ServerEvent,
): RealtimeLogEntry => ({
  direction,
  type: event.type,
  at: new Date().toISOString(),
  event: withoutSecrets(elideAudio(event)),
});

const hidden = (tools: unknown): unknown =>
  Array.isArray(tools)
    ? tools.map((tool: Record<string, unknown>) =>
        tool?.type === 'mcp' && typeof tool.authorization === 'string'
          ? { ...tool, authorization: SECRET_PLACEHOLDER }
          : tool,
      )
    : tools;

/**
 * The remote MCP tools' authorizations, in the session a client or server event carries (session.update,
 * session.created/updated, response.create), shown as the placeholder: the panel is not a way to read them.
 */
function withoutSecrets(event: unknown): unknown {
  const e = event as Record<string, { tools?: unknown } | undefined>;
  for (const key of ['session', 'response'] as const) {
    const holder = e[key];
    if (holder && typeof holder === 'object' && Array.isArray(holder.tools))
      return { ...e, [key]: { ...holder, tools: hidden(holder.tools) } };
  }
  return event;
}

/** A frame skipped as unusable, shown in the panel so a misbehaving server can be seen. */
export const skippedEntry = (kind: string, detail: string): RealtimeLogEntry => ({
  direction: 'server',
  type: `skipped (${kind})`,
  at: new Date().toISOString(),
  event: { kind, detail },
});
