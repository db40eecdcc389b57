// Tells subscribers that a clip changed. Stores nothing: the handlers have written the clip
// already; AppSync fans the result out to the @aws_subscribe subscriptions. IAM-only by schema.
import type { Context } from '@aws-appsync/utils';
import type { MutationPublishClipUpdateArgs } from '../generated/schema.ts';

export function request(ctx: Context<MutationPublishClipUpdateArgs>) {
  return { payload: ctx.args.input };
}

export function response(ctx: Context) {
  return ctx.result;
}
