// What every local AWS REST emulator is built on: a route table, JSON bodies under a size limit,
// AWS's error shape and headers, list pagination, and a fault hook for tests.
export { AwsApiError } from './errors.ts';
export { createRestApi } from './router.ts';
export type { RequestFault, RestApiOptions, RestHandler, RestReply, RestRequest, RestRoute } from './router.ts';
export { pageOf } from './paging.ts';
export type { Page, PageRules } from './paging.ts';
