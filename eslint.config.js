// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The core must run in plain Node (headless shell, tests), so Electron may never be imported there. */
export const coreElectronBan = {
  files: ['src-main/core/**/*.{ts,tsx,js,mjs,cjs}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'electron', message: 'src-main/core is plain Node: Electron belongs in shell-electron.' },
          {
            name: 'electron-updater',
            message: 'electron-updater needs Electron: the shell runs it, core/updates decides what it does.',
          },
        ],
        patterns: [
          {
            group: ['electron/*'],
            message: 'src-main/core is plain Node: Electron belongs in shell-electron.',
          },
          {
            group: ['**/shell-electron/**', '**/shell-headless/**'],
            message: 'core never depends on a shell.',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportExpression[source.value=/^electron(\\/|$)/]',
        message: 'src-main/core is plain Node: Electron belongs in shell-electron.',
      },
      {
        selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]",
        message: 'src-main/core is plain Node: Electron belongs in shell-electron.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', '.toolchain/', 'packages/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  coreElectronBan,
  {
    // The ESM main bundle gets a top-level `require` from electron-vite; a module-level one of ours would
    // collide with it once bundled (SyntaxError at startup, caught by the boot test). Name it nodeRequire.
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...coreElectronBan.rules['no-restricted-syntax'].slice(1),
        {
          selector: "VariableDeclarator[id.name='require']",
          message: 'name it nodeRequire (bundle collision)',
        },
      ],
    },
  },
);
