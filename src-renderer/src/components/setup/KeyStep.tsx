// Setup, step 1: the API key — the Settings panel itself (password field, Save, Test, where it is kept),
// with what a new user needs to know around it.
import type { Settings } from '../../../../src-preload/contract';
import { ApiKeyPanel } from '../ApiKeyPanel';

export function KeyStep({ settings }: { settings: Settings | null }) {
  return (
    <>
      <p>
        Voice Assistant talks to OpenAI’s Realtime models with your own API key. Create one on
        platform.openai.com under “API keys”, paste it here, save it, then press Test.
      </p>
      <ApiKeyPanel />
      <p className="hint">
        The key goes to the app’s main process and never back to this window; it is only sent to{' '}
        {settings?.baseUrl ?? 'the API'}. Where it is kept is shown above.
      </p>
    </>
  );
}
