// Lint rules: typescript-eslint's recommended set, plus the two rules that keep views safe.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const DRIVERS = ['better-sqlite3', 'pg'].map((name) => ({ name, message: 'Database drivers belong in src/storage/.' }));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.tmp/', 'public/'] },
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
    // The command's two files are CommonJS (bin/package.json), for a faster start.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Raw HTML may enter a view only through views/trusted-html.tsx (and JSON-LD through views/json-ld.tsx).
    files: ['src/**/*.tsx'],
    ignores: ['src/views/trusted-html.tsx', 'src/views/json-ld.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render trusted HTML through <TrustedHtml> from views/trusted-html.tsx.',
        },
      ],
    },
  },
  {
    // Only the storage layer knows which database runs (src/storage/fence.test.ts checks the names too).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/storage/**', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: DRIVERS }],
    },
  },
  {
    // Only the storage layer and repositories talk to the query builder. (This entry replaces the
    // one above for the files it covers, so it repeats the drivers.)
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/storage/**', 'src/**/*.repository.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx', 'src/app.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...DRIVERS, { name: 'kysely', allowTypeImports: true, message: 'Queries belong in *.repository.ts.' }] },
      ],
    },
  },
);
