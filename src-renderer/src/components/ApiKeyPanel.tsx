// The API key: write-only. The key goes to main and never comes back; the window only learns whether one
// is set, where it is kept, and whether the last test worked.
import { useEffect, useState } from 'react';
import type { ApiKeyStatus } from '../../../src-preload/contract';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { describeError, type ShownError } from '../lib/errors';
import { Field } from './Field';
import { InlineMessage } from './InlineMessage';

const storageNotes: Record<ApiKeyStatus['storage'], string> = {
  keychain: 'Kept encrypted by the system keychain.',
  basic_text: '',
  environment: 'Read from the OPENAI_API_KEY environment variable.',
  memory: 'Kept in memory only: it is forgotten when the app quits.',
};

function statusText(status: ApiKeyStatus): string {
  if (!status.set) return 'Not set';
  if (status.works === true) return 'Set · works';
  if (status.works === false) return 'Set · failed';
  // Tested, but no verdict (server unreachable, 403, 429…): the message below says why.
  return status.message ? 'Set · could not check' : 'Set · not tested';
}

export function ApiKeyPanel() {
  const client = useClient();
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [key, setKey] = useState('');

  useEffect(() => {
    let live = true;
    client.getApiKeyStatus().then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setLoadError(describeError(e)),
    );
    const off = client.on('apiKeyStatusChanged', setStatus);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const save = useAction(async () => {
    setStatus(await client.setApiKey({ key: key.trim() }));
    setKey('');
  });
  const test = useAction(async () => setStatus(await client.testApiKey()));
  const clear = useAction(async () => setStatus(await client.clearApiKey()));
  const error = save.error ?? test.error ?? clear.error ?? loadError;
  const keyErrors = save.error?.fieldErrors.key;

  return (
    <div className="api-key" data-testid="api-key">
      <div className="api-key-status">
        <span
          className={`pill${status?.works === false ? ' pill-bad' : status?.works ? ' pill-good' : ''}`}
          data-testid="api-key-status"
        >
          {status ? statusText(status) : 'Unknown'}
        </span>
        {status && storageNotes[status.storage] && (
          <span className="hint">{storageNotes[status.storage]}</span>
        )}
      </div>
      {status?.storage === 'basic_text' && (
        <p className="inline-message warning" role="alert">
          No system keychain is available, so the key is stored only obfuscated on disk. Anyone with access to
          your account files can read it.
        </p>
      )}
      {status?.works === false && status.message && (
        <p className="inline-message error" role="alert" data-testid="api-key-error">
          {status.message}
        </p>
      )}
      {/* A test that reached no verdict (server unreachable, 403, 429…) still says why. */}
      {status?.set && status.works === null && status.message && (
        <p className="inline-message warning" role="status" data-testid="api-key-note">
          {status.message}
        </p>
      )}
      <form
        className="api-key-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) void save.run();
        }}
      >
        <Field label={status?.set ? 'Replace API key' : 'API key'} errors={keyErrors}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="sk-…"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={!key.trim() || save.busy}>
            Save key
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void test.run()}
            disabled={!status?.set || test.busy}
          >
            {test.busy ? 'Testing…' : 'Test'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void clear.run()}
            disabled={!status?.set || clear.busy}
          >
            Remove
          </button>
        </div>
      </form>
      <InlineMessage error={keyErrors ? null : error} />
    </div>
  );
}
