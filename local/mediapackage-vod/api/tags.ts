// ListTagsForResource, TagResource, UntagResource: tags of any resource, by ARN.
import type { ApiContext, Handler } from './context.ts';
import { NotFoundError } from './errors.ts';
import { tags } from './validate.ts';

function taggable(context: ApiContext, arn: string): { tags: Record<string, string> } {
  const resources = [...context.store.assets.values(), ...context.store.packagingGroups.values(), ...context.store.packagingConfigurations.values()];
  const found = resources.find((resource) => resource.arn === arn);
  if (!found) throw new NotFoundError('Resource', arn);
  return found;
}

export const listTagsForResource: Handler = async (context, { params: [arn = ''] }) => ({ status: 200, body: { tags: taggable(context, arn).tags } });

export const tagResource: Handler = async (context, request) => {
  const resource = taggable(context, request.params[0] ?? '');
  Object.assign(resource.tags, tags(await request.body()));
  await context.store.save();
  return { status: 204 };
};

export const untagResource: Handler = async (context, { params: [arn = ''], query }) => {
  const resource = taggable(context, arn);
  for (const key of query.getAll('tagKeys')) delete resource.tags[key];
  await context.store.save();
  return { status: 204 };
};
