// `@aws-appsync/utils/dynamodb` is the import path AppSync's runtime provides, but the package
// has no `exports` map, so NodeNext resolution cannot find its types without this declaration.
declare module '@aws-appsync/utils/dynamodb' {
  export * from '@aws-appsync/utils/lib/dynamodb-helpers.js';
}
