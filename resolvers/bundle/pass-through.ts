// What AppSync does for a pipeline resolver without code of its own: the before step hands an
// empty object to the first function, the after step returns the last function's result.
export const PASS_THROUGH_PIPELINE_CODE = `export function request() {
  return {};
}

export function response(ctx) {
  return ctx.prev.result;
}
`;
