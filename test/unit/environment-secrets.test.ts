// Headless secrets: OPENAI_API_KEY, overridable and clearable for the run.
import { describe, expect, it } from 'vitest';
import { environmentSecrets } from '../../src-main/core/secrets/secret-store';

describe('environment secrets', () => {
  it('reads OPENAI_API_KEY, lets the UI override or clear it for this run', async () => {
    const secrets = environmentSecrets({ OPENAI_API_KEY: ' sk-env ' });
    expect(await secrets.get()).toBe('sk-env');
    expect(await secrets.storageKind()).toBe('environment');
    await secrets.set('sk-ui');
    expect([await secrets.get(), await secrets.storageKind()]).toEqual(['sk-ui', 'memory']);
    await secrets.clear();
    expect(await secrets.get()).toBeUndefined();
    expect(await environmentSecrets({}).get()).toBeUndefined();
  });
});
