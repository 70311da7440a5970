// Settings → MCP servers: the standard `{"mcpServers": {...}}` document in a JSON editor (checked as you
// type, saved whole — main refuses it with field errors and saves nothing when any field is wrong), import
// from another client's file, and each server's status with its enable switch. Secret values (env, headers)
// come back as a placeholder, never as themselves; saving the placeholder keeps them.
import { useEffect, useId, useRef, useState } from 'react';
import { SECRET_PLACEHOLDER, type McpState } from '../../../../src-preload/contract';
import { InlineMessage } from '../InlineMessage';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import { draftErrors, importServers } from '../../lib/mcp-document';
import { McpServerRow } from './McpServerRow';

const example = `{
  "mcpServers": {
    "files": { "command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/home/me/Documents"] }
  }
}`;

export function McpSettings() {
  const client = useClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<McpState | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.getMcpState().then(
      (value) => live && setState(value),
      () => {},
    );
    const off = client.on('mcpChanged', setState);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const text = draft ?? state?.document ?? '';
  const dirty = draft !== null && draft !== state?.document;
  const errors = { ...(dirty ? draftErrors(text) : {}), ...serverErrors };
  const errorList = Object.entries(errors);

  const save = useAction(async () => {
    try {
      setState(await client.setMcpConfig({ json: text }));
      setDraft(null);
      setServerErrors({});
      setNote('Saved.');
    } catch (e) {
      const fieldErrors = (e as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
      setServerErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) throw e;
    }
  });
  const enable = useAction(async (name: string, enabled: boolean) =>
    setState(await client.setMcpServerEnabled({ name, enabled })),
  );
  const restart = useAction(async (name: string) => setState(await client.restartMcpServer({ name })));
  const importFile = useAction(async (file: File) => {
    const { text: merged, names } = importServers(text, await file.text());
    setDraft(merged);
    setServerErrors({});
    setNote(`Imported ${names.join(', ')} from ${file.name}: check the document, then Save.`);
  });
  const error = save.error ?? enable.error ?? restart.error ?? importFile.error;
  const weakSecrets = state && (state.secretStorage === 'basic_text' || state.secretStorage === 'memory');

  return (
    <fieldset className="section mcp-settings" aria-label="MCP servers">
      <legend>MCP servers</legend>
      <p className="hint">
        Tools from MCP servers, configured as in other MCP clients. Each server's tools are offered to the
        model as <code>server__tool</code>; a call asks you first unless its approval is <code>always</code>{' '}
        (or <code>never</code>). Per server: <code>approval</code>, <code>toolApproval</code> (per tool) and{' '}
        <code>timeoutMs</code>. Values in <code>env</code> and <code>headers</code> are kept like the API key
        and shown as <code>{SECRET_PLACEHOLDER}</code>.
      </p>
      {weakSecrets && (
        <p className="inline-message warning" role="status">
          {state.secretStorage === 'memory'
            ? 'No secret storage is available: env and header values are kept for this run only.'
            : 'No system keychain: env and header values are stored with a fixed obfuscation key.'}
        </p>
      )}
      <InlineMessage error={error} />
      {state && state.servers.length > 0 && (
        <ul className="mcp-servers" aria-label="Configured servers">
          {state.servers.map((server) => (
            <McpServerRow
              key={server.name}
              server={server}
              busy={enable.busy || restart.busy}
              onEnable={(enabled) => void enable.run(server.name, enabled)}
              onRestart={() => void restart.run(server.name)}
            />
          ))}
        </ul>
      )}
      <div className={`field${errorList.length ? ' invalid' : ''}`}>
        <label htmlFor={id}>Configuration (JSON)</label>
        <textarea
          id={id}
          className="mcp-editor"
          spellCheck={false}
          rows={Math.min(24, Math.max(8, text.split('\n').length + 1))}
          value={text}
          placeholder={example}
          aria-invalid={errorList.length > 0}
          aria-describedby={errorList.length ? `${id}-errors` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setServerErrors({});
            setNote(null);
          }}
        />
        {errorList.length > 0 && (
          <ul className="field-error mcp-errors" id={`${id}-errors`} role="alert">
            {errorList.map(([path, messages]) => (
              <li key={path}>
                <code>{path}</code>: {messages.join(' ')}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={() => void save.run()}
          disabled={!dirty || save.busy || Object.keys(draftErrors(text)).length > 0}
        >
          Save
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(null);
            setServerErrors({});
            setNote(null);
          }}
          disabled={!dirty}
        >
          Revert
        </button>
        <button type="button" className="button" onClick={() => fileRef.current?.click()}>
          Import from file…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Import MCP configuration file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile.run(file);
          }}
        />
      </div>
      {note && (
        <p className="hint" role="status">
          {note}
        </p>
      )}
    </fieldset>
  );
}
