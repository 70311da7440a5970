// A profile's remote MCP servers (`type: "mcp"` session tools, which the Realtime API itself calls): label,
// server URL or connector, authorization, allowed tools and approval. Part of the editor's draft (saved
// with Save). The authorization is write-only: a kept one comes from main as the placeholder and shows as
// "saved"; typing replaces it, Forget removes it. Its value never reaches this window.
import { useState, type InputHTMLAttributes } from 'react';
import { mcpConnectorIds, SECRET_PLACEHOLDER, type RemoteMcpTool } from '../../../../src-preload/contract';
import { Field } from '../Field';

type Approval = 'always' | 'never' | 'some';
const approvalOf = (tool: RemoteMcpTool): Approval =>
  typeof tool.require_approval === 'object' ? 'some' : (tool.require_approval ?? 'always');

/** Tool names typed as a comma-separated list; empty means none. */
const namesFrom = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
const allowedOf = (tool: RemoteMcpTool): string[] =>
  Array.isArray(tool.allowed_tools) ? tool.allowed_tools : (tool.allowed_tools?.tool_names ?? []);

/** A list of names typed as text: the text is the user's (a trailing comma stays) until the list differs. */
function NamesInput({
  names,
  onNames,
  ...input
}: { names: string[]; onNames(names: string[]): void } & InputHTMLAttributes<HTMLInputElement>) {
  const [text, setText] = useState(names.join(', '));
  const shown = namesFrom(text).join('\n') === names.join('\n') ? text : names.join(', ');
  return (
    <input
      {...input}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onNames(namesFrom(e.target.value));
      }}
    />
  );
}

const newTool: RemoteMcpTool = { type: 'mcp', server_label: '', server_url: '', require_approval: 'always' };

export interface RemoteMcpToolsProps {
  tools: RemoteMcpTool[];
  onChange(tools: RemoteMcpTool[]): void;
  /** Field errors of the tool at this index of the list, by its field name. */
  errorsAt(index: number, field: keyof RemoteMcpTool): string[] | undefined;
}

export function RemoteMcpTools({ tools, onChange, errorsAt }: RemoteMcpToolsProps) {
  const change = (index: number, next: Partial<RemoteMcpTool>, drop: (keyof RemoteMcpTool)[] = []) =>
    onChange(
      tools.map((tool, i) => {
        if (i !== index) return tool;
        const merged: Record<string, unknown> = { ...tool, ...next };
        for (const key of drop) delete merged[key];
        return merged as RemoteMcpTool;
      }),
    );

  return (
    <fieldset className="plain remote-mcp-tools" aria-label="Remote MCP servers">
      <p className="hint">
        Remote MCP servers the Realtime API calls itself (not this computer). A call that needs approval is
        asked about like a local MCP server&apos;s.
      </p>
      {tools.map((tool, index) => {
        const name = tool.server_label || `server ${index + 1}`;
        const byConnector = tool.connector_id !== undefined;
        const saved = tool.authorization === SECRET_PLACEHOLDER;
        const approval = approvalOf(tool);
        const unasked =
          typeof tool.require_approval === 'object' ? tool.require_approval.never?.tool_names : [];
        return (
          <fieldset className="plain remote-mcp-tool" key={index} aria-label={`Remote MCP server ${name}`}>
            <div className="grid-3">
              <Field label="Server label" errors={errorsAt(index, 'server_label')}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={tool.server_label}
                    onChange={(e) => change(index, { server_label: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Reached by" errors={errorsAt(index, 'connector_id')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={byConnector ? 'connector' : 'url'}
                    onChange={(e) =>
                      e.target.value === 'connector'
                        ? change(index, { connector_id: mcpConnectorIds[0] }, ['server_url'])
                        : change(index, { server_url: '' }, ['connector_id'])
                    }
                  >
                    <option value="url">Server URL</option>
                    <option value="connector">Connector</option>
                  </select>
                )}
              </Field>
              {byConnector ? (
                <Field label="Connector">
                  {({ id }) => (
                    <select
                      id={id}
                      value={tool.connector_id}
                      onChange={(e) =>
                        change(index, { connector_id: e.target.value as RemoteMcpTool['connector_id'] })
                      }
                    >
                      {mcpConnectorIds.map((connector) => (
                        <option key={connector} value={connector}>
                          {connector.replace('connector_', '')}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : (
                <Field label="Server URL" errors={errorsAt(index, 'server_url')}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="url"
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      placeholder="https://mcp.example.com/mcp"
                      value={tool.server_url ?? ''}
                      onChange={(e) => change(index, { server_url: e.target.value })}
                    />
                  )}
                </Field>
              )}
            </div>
            <div className="grid-3">
              <Field
                label="Authorization"
                hint={saved ? 'saved — type to replace it' : 'an OAuth access token; kept like the API key'}
                errors={errorsAt(index, 'authorization')}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    type="password"
                    autoComplete="off"
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    placeholder={saved ? 'saved' : 'none'}
                    value={saved ? '' : (tool.authorization ?? '')}
                    onChange={(e) =>
                      e.target.value
                        ? change(index, { authorization: e.target.value })
                        : change(index, {}, ['authorization'])
                    }
                  />
                )}
              </Field>
              <Field
                label="Allowed tools"
                hint="comma-separated; empty = all"
                errors={errorsAt(index, 'allowed_tools')}
              >
                {({ id, describedBy, invalid }) => (
                  <NamesInput
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    names={allowedOf(tool)}
                    onNames={(names) =>
                      names.length
                        ? change(index, { allowed_tools: names })
                        : change(index, {}, ['allowed_tools'])
                    }
                  />
                )}
              </Field>
              <Field label="Approval" errors={errorsAt(index, 'require_approval')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={approval}
                    onChange={(e) => {
                      const next = e.target.value as Approval;
                      change(index, {
                        require_approval: next === 'some' ? { never: { tool_names: [] } } : next,
                      });
                    }}
                  >
                    <option value="always">Ask before every call</option>
                    <option value="never">Never ask</option>
                    <option value="some">Ask, except for some tools</option>
                  </select>
                )}
              </Field>
            </div>
            {approval === 'some' && (
              <Field label="Tools that run without asking" hint="comma-separated">
                {({ id, describedBy }) => (
                  <NamesInput
                    id={id}
                    aria-describedby={describedBy}
                    names={unasked ?? []}
                    onNames={(names) => change(index, { require_approval: { never: { tool_names: names } } })}
                  />
                )}
              </Field>
            )}
            <div className="button-row">
              {saved && (
                <button type="button" className="button" onClick={() => change(index, {}, ['authorization'])}>
                  Forget authorization
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => onChange(tools.filter((_, i) => i !== index))}
              >
                Remove {name}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => onChange([...tools, { ...newTool }])}>
        Add remote MCP server
      </button>
    </fieldset>
  );
}
