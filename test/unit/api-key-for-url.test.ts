// The realtime link reads the base URL once per connect and asks for the key FOR that URL (issue 17, finding
// 1). The key service must check the key's origin against the URL the key is about to go to, not against the
// setting, which the window may have moved meanwhile (A → B → A: the link read B, the setting is back at A).
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import { createApiKeyService } from '../../src-main/core/secrets/api-key-service';
import { sealKey } from '../../src-main/core/secrets/key-binding';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';

const KEY = 'sk-bound-to-a-0123456789';

describe('the key for a base URL', () => {
  it('is given only for the origin it was saved for, whatever the setting says now', async () => {
    let setting = 'https://a.example/v1';
    const service = createApiKeyService({
      secrets: memorySecrets(sealKey(KEY, 'https://a.example')),
      events: createEventBus(),
      notify: () => {},
      baseUrl: () => setting,
    });
    expect(await service.getKey('https://a.example/v1')).toBe(KEY);
    setting = 'https://b.example/v1';
    // The link read A before the window moved the setting: the key may still go to A.
    expect(await service.getKey('https://a.example/v1')).toBe(KEY);
    expect(await service.getKey('https://b.example/v1')).toBeUndefined();
    setting = 'https://a.example/v1';
    // The link read B; the setting is back at A. Checked against the setting, the key went to B.
    expect(await service.getKey('https://b.example/v1')).toBeUndefined();
    // Without a URL (other callers), the setting decides, as before.
    expect(await service.getKey()).toBe(KEY);
  });
});
