// Proves the lint rule that keeps src-main/core free of Electron actually fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (code: string, filePath: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
};

describe('core may not import electron', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;\n", 'static import'],
    ["import type { App } from 'electron';\nexport type A = App;\n", 'type import'],
    ["export const load = () => import('electron');\n", 'dynamic import'],
    ["export const e = require('electron');\n", 'require'],
    ["import { x } from '../shell-electron/window';\nexport const y = x;\n", 'a shell module'],
  ])('fails on %s (%s)', async (code) => {
    const rules = await lint(code, 'src-main/core/somewhere/file.ts');
    expect(rules.some((r) => r === 'no-restricted-imports' || r === 'no-restricted-syntax')).toBe(true);
  });

  it('allows the same import in the Electron shell', async () => {
    const rules = await lint(
      "import { app } from 'electron';\nexport const a = app;\n",
      'src-main/shell-electron/x.ts',
    );
    expect(rules).toEqual([]);
  });

  it('finds no violation in the real core', async () => {
    const results = await eslint.lintFiles(['src-main/core']);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith('no-restricted'))
        .map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(violations).toEqual([]);
  });
});
