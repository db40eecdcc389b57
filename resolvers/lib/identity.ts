// Who is calling, as a clip records it in createdBy. AppSync fills ctx.identity per auth mode
// (AppSync developer guide, "Resolver context object reference", identity): user pools give the
// username and sub, IAM the ARN, an API key nothing.
import { util } from '@aws-appsync/utils';
import type { AppSyncIdentityCognito, AppSyncIdentityIAM, Context } from '@aws-appsync/utils';
import { isBlank } from './values.ts';

export const API_KEY_CALLER = 'api-key';

export function callerName(ctx: Context): string {
  const authType = util.authType();
  if (authType === 'User Pool Authorization') {
    const identity = ctx.identity as AppSyncIdentityCognito;
    return isBlank(identity.username) ? identity.sub : identity.username;
  }
  if (authType === 'IAM Authorization') {
    return (ctx.identity as AppSyncIdentityIAM).userArn;
  }
  return API_KEY_CALLER;
}
