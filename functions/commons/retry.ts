// The SDK's standard retries, except for throttling. MediaPackage answers its quota of harvest
// jobs in progress with 429 TooManyRequestsException, which the SDK would retry for seconds with
// backoff; a clip refused for the quota should instead take its place in the queue at once (a
// retry could also let it overtake clips already waiting). Other transient errors still retry.
import { StandardRetryStrategy } from '@smithy/util-retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';

export class NoThrottlingRetryStrategy implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts = 3) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(retryTokenScope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(retryTokenScope);
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    // Refusing a token makes the SDK throw the error it got.
    if (errorInfo.errorType === 'THROTTLING') return Promise.reject(errorInfo.error);
    return this.standard.refreshRetryTokenForRetry(token as StandardRetryToken, errorInfo);
  }

  recordSuccess(token: RetryToken): void {
    this.standard.recordSuccess(token as StandardRetryToken);
  }
}
