import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'data', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: scenario conditions are data.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No Function constructor: scenario conditions are data.' },
      ],
    },
  },
  {
    // The room's network is plain http on a LAN: nothing in the app may need a secure context.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'crypto', property: 'randomUUID', message: 'Not on plain http: use newId() from src/app/ids.ts.' },
        { object: 'crypto', property: 'subtle', message: 'Not on plain http (no secure context).' },
        { object: 'navigator', property: 'clipboard', message: 'Not on plain http (no secure context).' },
        { object: 'navigator', property: 'serviceWorker', message: 'Not on plain http (no secure context).' },
      ],
    },
  },
  {
    // Tests edit raw scenario JSON to make it invalid on purpose.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The engine runs unchanged on the server, in the browser and in the CLI.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'react', 'react-dom', 'react/*', '../node/*', '../../node/*', '../app/*', '../../app/*'], message: 'The engine is pure TypeScript: no React, DOM or Node imports.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The engine does not touch the DOM.' },
        { name: 'document', message: 'The engine does not touch the DOM.' },
        { name: 'process', message: 'The engine does not read the environment.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is stamped by the host into events.' },
        { object: 'Math', property: 'random', message: 'Randomness is stamped by the host into events.' },
        { object: 'crypto', property: 'randomUUID', message: 'Ids are stamped by the host into events.' },
      ],
    },
  },
);
