// The profile editor's working copy and what it takes to save it: validation with the contract's own
// schema (so the editor and main agree on every rule) and a patch holding only what changed.
import {
  fieldErrorsFromIssues,
  profileDocumentSchema,
  type GaSession,
  type Profile,
  type ProfileDocument,
  type RemoteMcpTool,
} from '../../../src-preload/contract';
import { sameJson } from './paths';

export interface Draft {
  doc: ProfileDocument;
  /** Function tools are edited as JSON text; it becomes `session.tools` once it parses. */
  toolsText: string;
  /** Remote MCP servers (`type: "mcp"` tools) have their own form; they follow the function tools. */
  remoteMcp: RemoteMcpTool[];
}

export const toolsPath = 'session.tools';

export function toolsToText(tools: GaSession['tools']): string {
  return tools && tools.length ? JSON.stringify(tools, null, 2) : '';
}

export function draftOf(profile: Profile): Draft {
  const { name, model, session } = profile;
  const tools = session.tools ?? [];
  return {
    doc: { name, model, session },
    toolsText: toolsToText(tools.filter((tool) => tool.type !== 'mcp')),
    remoteMcp: tools.filter((tool) => tool.type === 'mcp'),
  };
}

/** Where the remote MCP tools start in the draft's `session.tools` (field errors name them by index). */
export const remoteToolsFrom = (draft: Draft, doc: ProfileDocument): number =>
  (doc.session.tools?.length ?? 0) - draft.remoteMcp.length;

/** The draft as a document, with the tools text folded in; a JSON syntax error is reported separately. */
export function resolveDraft(draft: Draft): { doc: ProfileDocument; toolsError: string | null } {
  const text = draft.toolsText.trim();
  const remote = draft.remoteMcp;
  if (!text && !remote.length) {
    const { tools: _dropped, ...session } = draft.doc.session;
    return { doc: { ...draft.doc, session }, toolsError: null };
  }
  try {
    const parsed = text ? (JSON.parse(text) as GaSession['tools']) : [];
    // Not an array: left as typed so validation names it; the remote tools wait for a fix.
    const tools = Array.isArray(parsed) ? [...parsed, ...remote] : parsed;
    return { doc: { ...draft.doc, session: { ...draft.doc.session, tools } }, toolsError: null };
  } catch (e) {
    return { doc: draft.doc, toolsError: `not valid JSON: ${(e as Error).message}` };
  }
}

export function validateDraft(draft: Draft): { doc: ProfileDocument; fieldErrors: Record<string, string[]> } {
  const { doc, toolsError } = resolveDraft(draft);
  const parsed = profileDocumentSchema.safeParse(doc);
  const fieldErrors = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
  if (toolsError) fieldErrors[toolsPath] = [toolsError];
  else if (doc.session.tools !== undefined && !Array.isArray(doc.session.tools)) {
    fieldErrors[toolsPath] = ['tools must be a JSON array of {"type": "function", …} objects'];
  }
  return { doc: parsed.success ? parsed.data : doc, fieldErrors };
}

/**
 * Main replaces only the session fields it is given, so a field the user removed is sent as `null`
 * ("remove it"); leaving the key out would keep the old value.
 */
export interface ProfilePatch {
  name?: string;
  model?: string;
  session?: { [K in keyof GaSession]?: GaSession[K] | null };
}

export function patchBetween(before: ProfileDocument, after: ProfileDocument): ProfilePatch {
  const patch: ProfilePatch = {};
  if (before.name !== after.name) patch.name = after.name;
  if (before.model !== after.model) patch.model = after.model;
  const keys = new Set([...Object.keys(before.session), ...Object.keys(after.session)]) as Set<
    keyof GaSession
  >;
  const session: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === 'type' || sameJson(before.session[key], after.session[key])) continue;
    session[key] = after.session[key] ?? null;
  }
  if (Object.keys(session).length) patch.session = session as ProfilePatch['session'];
  return patch;
}
