// @ts-check
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.data/', 'dist/', 'cdk.out/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // A focused or skipped test lands as a silently smaller suite.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'skip' },
      ],
    },
  },
  {
    // Resolver code runs in AppSync's APPSYNC_JS runtime, which forbids much of JavaScript.
    ...appsync.configs.recommended,
    files: ['resolvers/**/*.ts'],
    ignores: ['resolvers/bundle/**', 'resolvers/build.ts'],
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
