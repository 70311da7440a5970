// The authorization of a profile's remote MCP tools (`type: "mcp"`) is a secret, kept like the API key: the
// stored profile, the window, exports and the event log hold SECRET_PLACEHOLDER; the values live in their
// own secret store (safeStorage in the desktop app, memory elsewhere) as one JSON blob
// `{profileId: {server_label: authorization}}`, and only the session's copy of the profile gets them back.
import { z } from 'zod';
import {
  SECRET_PLACEHOLDER,
  type Notice,
  type Profile,
  type ProfileDocument,
} from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { SecretStore } from '../secrets/secret-store';

/** server_label → authorization, for one profile. */
export type ProfileTokens = Record<string, string>;

const blobSchema = z.record(z.string(), z.record(z.string(), z.string()));

type Tools = NonNullable<ProfileDocument['session']['tools']>;

const mapRemote = (tools: Tools, change: (tool: Extract<Tools[number], { type: 'mcp' }>) => Tools[number]) =>
  tools.map((tool) => (tool.type === 'mcp' ? change(tool) : tool));

const withTools = <D extends ProfileDocument>(doc: D, tools: Tools): D => ({
  ...doc,
  session: { ...doc.session, tools },
});

/** A document for another place (an export): no authorization at all, not even the placeholder. */
export function withoutAuthorizations<D extends ProfileDocument>(doc: D): D {
  if (!doc.session.tools?.some((tool) => tool.type === 'mcp' && tool.authorization !== undefined)) return doc;
  return withTools(
    doc,
    mapRemote(doc.session.tools, ({ authorization: _dropped, ...tool }) => tool),
  );
}

export function openProfileSecrets(store: SecretStore, notify: (notice: Notice) => void) {
  let all: Record<string, ProfileTokens> = {};
  const loaded = store
    .get()
    .then((blob) => {
      if (!blob) return;
      const parsed = blobSchema.safeParse(JSON.parse(blob));
      if (!parsed.success) throw new Error('unreadable');
      all = { ...parsed.data, ...all };
    })
    .catch(() =>
      notify({
        level: 'warning',
        message: 'The stored authorizations of remote MCP tools could not be read: enter them again.',
      }),
    );
  // Writes go in order, so the last one wins; a failed write is said, the values stay for this run.
  let writing = Promise.resolve();
  const persist = () => {
    const kept = Object.fromEntries(Object.entries(all).filter(([, tokens]) => Object.keys(tokens).length));
    const blob = Object.keys(kept).length ? JSON.stringify(kept) : undefined;
    writing = writing
      .then(() => (blob ? store.set(blob) : store.clear()))
      .catch((error: unknown) =>
        notify({
          level: 'warning',
          message: `The authorization of a remote MCP tool was not saved: ${(error as Error).message}`,
        }),
      );
    return writing;
  };

  return {
    /** Resolves once the stored values are read (an edit that keeps a placeholder waits for it). */
    loaded,
    /**
     * A document as it is stored: each authorization given in clear is taken out and replaced by the
     * placeholder; a placeholder keeps the value this profile already holds for that label. A placeholder
     * with nothing behind it (a renamed label, a document from elsewhere) is a field error.
     */
    intake<D extends ProfileDocument>(
      id: string | undefined,
      doc: D,
    ): { document: D; tokens: ProfileTokens } {
      const before = id ? (all[id] ?? {}) : {};
      const tokens: ProfileTokens = {};
      const fieldErrors: Record<string, string[]> = {};
      const tools = doc.session.tools ?? [];
      tools.forEach((tool, index) => {
        if (tool.type !== 'mcp' || tool.authorization === undefined) return;
        const value =
          tool.authorization === SECRET_PLACEHOLDER ? before[tool.server_label] : tool.authorization;
        if (value === undefined)
          fieldErrors[`session.tools.${index}.authorization`] = [
            'no authorization is kept for this server label: enter it again',
          ];
        else tokens[tool.server_label] = value;
      });
      if (Object.keys(fieldErrors).length)
        throw new CommandError('invalid_request', 'The profile has invalid fields.', fieldErrors);
      if (!tools.some((tool) => tool.type === 'mcp' && tool.authorization !== undefined))
        return { document: doc, tokens };
      const document = withTools(
        doc,
        mapRemote(tools, (tool) =>
          tool.authorization === undefined ? tool : { ...tool, authorization: SECRET_PLACEHOLDER },
        ),
      );
      return { document, tokens };
    },
    /** The profile `id` now holds these values (after its document was saved). */
    keep(id: string, tokens: ProfileTokens): Promise<void> {
      const same = JSON.stringify(all[id] ?? {}) === JSON.stringify(tokens);
      if (Object.keys(tokens).length) all[id] = tokens;
      else delete all[id];
      return same ? writing : persist();
    },
    tokens: (id: string): ProfileTokens => ({ ...all[id] }),
    forget(id: string): Promise<void> {
      return this.keep(id, {});
    },
    /** The profile as the session sends it: each placeholder replaced by its value. */
    reveal<P extends ProfileDocument & Partial<Pick<Profile, 'id'>>>(profile: P): P {
      const tokens = profile.id === undefined ? undefined : all[profile.id];
      if (!tokens || !profile.session.tools?.some((tool) => tool.type === 'mcp' && tool.authorization))
        return profile;
      return withTools(
        profile,
        mapRemote(profile.session.tools, (tool) =>
          tool.authorization === SECRET_PLACEHOLDER && tokens[tool.server_label]
            ? { ...tool, authorization: tokens[tool.server_label] }
            : tool,
        ),
      );
    },
  };
}
export type ProfileSecrets = ReturnType<typeof openProfileSecrets>;
