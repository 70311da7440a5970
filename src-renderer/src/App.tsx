import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../src-preload/contract';
import type { Client } from './client';

export function App({ client }: { client: Client }) {
  const [info, setInfo] = useState<AppInfo>();
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    client.getAppInfo().then(setInfo, (e: Error) => setError(e.message));
    client.getSettings().then(setSettings, (e: Error) => setError(e.message));
    return client.on('settingsChanged', setSettings);
  }, [client]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  return (
    <main className="app">
      <header>
        <h1>Voice Assistant</h1>
        {info && (
          <p className="muted" data-testid="app-info">
            {info.version} · {info.platform} · {info.shell}
          </p>
        )}
      </header>
      {error && <p role="alert">{error}</p>}
      {settings && (
        <label>
          Theme{' '}
          <select
            aria-label="Theme"
            value={settings.theme}
            onChange={(e) =>
              client
                .updateSettings({ theme: e.target.value as Settings['theme'] })
                .catch((err: Error) => setError(err.message))
            }
          >
            <option value="system">Follow system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      )}
      <p data-testid="theme-now">Theme: {settings?.theme ?? '…'}</p>
    </main>
  );
}
