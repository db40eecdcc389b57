// Lambda handlers read their configuration from the process environment, as on AWS. The local
// home runs them in its own process, so it sets their variables there before their first call;
// a variable already set by the user wins, which is how a developer points one at something else.
export function provideLambdaEnvironment(variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) {
    process.env[name] ??= value;
  }
}
