// Query.competitions: the listCompetitions Lambda joins the configured live channels (the
// handler's configuration) with the competitions registry (contracts/competitions.ts).
import { util } from '@aws-appsync/utils';
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { ListCompetitionsRequest, ListCompetitionsResult } from '../contracts/competitions.ts';

export function request(): LambdaRequest {
  const payload: ListCompetitionsRequest = {};
  return { operation: 'Invoke', payload };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const result: ListCompetitionsResult = ctx.result;
  return result.competitions;
}
