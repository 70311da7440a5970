// Only the top-level frame showing our own renderer may call commands.
import { describe, expect, it } from 'vitest';
import type { WebFrameMain } from 'electron';
import { rendererSenderCheck } from '../../src-main/shell-electron/ipc-binding';

const frame = (url: string, parent: unknown = null) => ({ url, parent }) as unknown as WebFrameMain;

describe('rendererSenderCheck', () => {
  const packaged = rendererSenderCheck(
    'file:///opt/Voice%20Assistant/resources/app.asar/out/renderer/index.html',
  );
  const dev = rendererSenderCheck('http://localhost:5173/');

  it('accepts our renderer, with or without a query or fragment', () => {
    expect(packaged(frame('file:///opt/Voice%20Assistant/resources/app.asar/out/renderer/index.html'))).toBe(
      true,
    );
    expect(
      packaged(frame('file:///opt/Voice%20Assistant/resources/app.asar/out/renderer/index.html#x')),
    ).toBe(true);
    expect(dev(frame('http://localhost:5173/settings?x=1'))).toBe(true);
  });

  it('refuses no frame, a child frame, another file, another origin, and garbage', () => {
    expect(packaged(null)).toBe(false);
    expect(
      packaged(frame('file:///opt/Voice%20Assistant/resources/app.asar/out/renderer/index.html', frame('x'))),
    ).toBe(false);
    expect(packaged(frame('file:///tmp/evil.html'))).toBe(false);
    expect(packaged(frame('https://evil.example/'))).toBe(false);
    expect(dev(frame('http://localhost:5174/'))).toBe(false);
    expect(dev(frame('http://evil.example:5173/'))).toBe(false);
    expect(dev(frame('not a url'))).toBe(false);
  });
});
