// ListTagsForResource, TagResource, UntagResource: tags of any resource, by ARN.
import type { ApiContext, Handler } from './context.ts';
import { NotFoundError } from './errors.ts';
import { tags } from './validate.ts';

/** The resource's tags, and how to save them: an asset is kept in a file of its own. */
function taggable(context: ApiContext, arn: string): { tags: Record<string, string>; save: () => Promise<void> } {
  const { store } = context;
  const asset = [...store.assets.values()].find((candidate) => candidate.arn === arn);
  if (asset) return { tags: asset.tags, save: () => store.saveAsset(asset) };
  const other = [...store.packagingGroups.values(), ...store.packagingConfigurations.values()].find((candidate) => candidate.arn === arn);
  if (!other) throw new NotFoundError('Resource', arn);
  return { tags: other.tags, save: () => store.saveGroups() };
}

export const listTagsForResource: Handler = async (context, { params: [arn = ''] }) => ({ status: 200, body: { tags: taggable(context, arn).tags } });

export const tagResource: Handler = async (context, request) => {
  const resource = taggable(context, request.params[0] ?? '');
  Object.assign(resource.tags, tags(await request.body()));
  await resource.save();
  return { status: 204 };
};

export const untagResource: Handler = async (context, { params: [arn = ''], query }) => {
  const resource = taggable(context, arn);
  for (const key of query.getAll('tagKeys')) delete resource.tags[key];
  await resource.save();
  return { status: 204 };
};
