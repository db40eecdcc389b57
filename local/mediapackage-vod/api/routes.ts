// MediaPackage-VOD's REST API: paths, methods and status codes as `@aws-sdk/client-mediapackage-vod`
// serializes and expects them, each routed to its handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAsset, deleteAsset, describeAsset, listAssets } from './assets.ts';
import type { ApiContext, Handler } from './context.ts';
import { NotFoundError, VodApiError } from './errors.ts';
import { readJsonBody, sendError, sendJson } from './http.ts';
import {
  createPackagingConfiguration,
  deletePackagingConfiguration,
  describePackagingConfiguration,
  listPackagingConfigurations,
} from './packaging-configurations.ts';
import {
  configureLogs,
  createPackagingGroup,
  deletePackagingGroup,
  describePackagingGroup,
  listPackagingGroups,
  updatePackagingGroup,
} from './packaging-groups.ts';
import { listTagsForResource, tagResource, untagResource } from './tags.ts';

export type { ApiContext } from './context.ts';

const ROUTES: Array<[method: string, path: RegExp, handler: Handler]> = [
  ['POST', /^\/packaging_groups$/, createPackagingGroup],
  ['GET', /^\/packaging_groups$/, listPackagingGroups],
  ['GET', /^\/packaging_groups\/([^/]+)$/, describePackagingGroup],
  ['PUT', /^\/packaging_groups\/([^/]+)$/, updatePackagingGroup],
  ['PUT', /^\/packaging_groups\/([^/]+)\/configure_logs$/, configureLogs],
  ['DELETE', /^\/packaging_groups\/([^/]+)$/, deletePackagingGroup],
  ['POST', /^\/packaging_configurations$/, createPackagingConfiguration],
  ['GET', /^\/packaging_configurations$/, listPackagingConfigurations],
  ['GET', /^\/packaging_configurations\/([^/]+)$/, describePackagingConfiguration],
  ['DELETE', /^\/packaging_configurations\/([^/]+)$/, deletePackagingConfiguration],
  ['POST', /^\/assets$/, createAsset],
  ['GET', /^\/assets$/, listAssets],
  ['GET', /^\/assets\/([^/]+)$/, describeAsset],
  ['DELETE', /^\/assets\/([^/]+)$/, deleteAsset],
  ['GET', /^\/tags\/([^/]+)$/, listTagsForResource],
  ['POST', /^\/tags\/([^/]+)$/, tagResource],
  ['DELETE', /^\/tags\/([^/]+)$/, untagResource],
];

export function createApiHandler(context: ApiContext) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      for (const [method, pattern, handler] of ROUTES) {
        const match = pattern.exec(url.pathname);
        if (!match || req.method !== method) continue;
        const params = match.slice(1).map((param) => decodeURIComponent(param));
        const reply = await handler(context, { params, query: url.searchParams, body: () => readJsonBody(req) });
        sendJson(res, reply.status, reply.body);
        return;
      }
      throw new NotFoundError('Resource', `${req.method ?? ''} ${url.pathname}`);
    } catch (error) {
      if (error instanceof VodApiError) {
        sendError(res, error);
        return;
      }
      context.log(`[mediapackage-vod] ${req.method ?? ''} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      sendError(res, new VodApiError('InternalServerErrorException', 'internal error', { cause: error }));
    }
  };
}
