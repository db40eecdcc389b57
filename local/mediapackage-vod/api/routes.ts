// MediaPackage-VOD's REST API: paths, methods and status codes as `@aws-sdk/client-mediapackage-vod`
// serializes and expects them, each routed to its handler.
import { createRestApi, type RequestFault, type RestRoute } from '../../rest/index.ts';
import { createAsset, deleteAsset, describeAsset, listAssets } from './assets.ts';
import type { ApiContext } from './context.ts';
import { NotFoundError, UnprocessableEntityError, VodApiError } from './errors.ts';
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

const ROUTES: readonly RestRoute<ApiContext>[] = [
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

export function createApiHandler(context: ApiContext, fault?: RequestFault) {
  return createRestApi({
    service: 'mediapackage-vod',
    routes: ROUTES,
    context,
    errors: {
      notFound: (method, path) => new NotFoundError('Resource', `${method} ${path}`),
      invalidBody: (message, cause) => new UnprocessableEntityError(message, { cause }),
      internal: (cause) => new VodApiError('InternalServerErrorException', 'internal error', { cause }),
    },
    ...(fault ? { fault } : {}),
    log: context.log,
  });
}
