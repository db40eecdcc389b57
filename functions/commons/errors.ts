// Errors the handlers raise. Each says what to do about it; AWS SDK errors are kept as `cause`.

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly variable: string, reason: string) {
    super(`Environment variable ${variable} ${reason}`);
  }
}

/** A failure about one clip: `clipId` names it for the logs and the caller. */
abstract class ClipError extends Error {
  constructor(
    message: string,
    readonly clipId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class HarvestStartError extends ClipError {
  override readonly name = 'HarvestStartError';
}

/** DynamoDB refused or failed a read or write of a clip (not a condition: that is an outcome). */
export class ClipStoreError extends Error {
  override readonly name = 'ClipStoreError';
  constructor(
    message: string,
    readonly competition: string,
    readonly clipId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** MediaPackage-VOD refused or failed an asset call; the event is retried. */
export class PackagingError extends Error {
  override readonly name: string = 'PackagingError';
  constructor(
    message: string,
    readonly assetId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A competition's live channel cannot be looked up: its origin endpoint is missing from
 * MediaPackage, or MediaPackage failed. Check COMPETITION_ORIGIN_ENDPOINTS and ORIGIN_ENDPOINT_ID.
 */
export class LiveChannelError extends Error {
  override readonly name = 'LiveChannelError';
  constructor(
    message: string,
    readonly competition: string,
    /** Which endpoint, in words: "MediaPackage v2 origin endpoint live/live/live-hls". */
    readonly originEndpoint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (the live channel of competition ${competition}): check ORIGIN_ENDPOINT_ID and COMPETITION_ORIGIN_ENDPOINTS`, options);
  }
}

/**
 * MediaPackage-VOD refused an asset for the packaging group's quota of assets: waiting does not
 * free one, so the clip fails with this message, which says what frees room.
 */
export class AssetQuotaError extends PackagingError {
  override readonly name = 'AssetQuotaError';
  constructor(
    readonly packagingGroupId: string,
    assetId: string,
    options?: { cause?: unknown },
  ) {
    super(
      `MediaPackage-VOD packaging group ${packagingGroupId} holds as many assets as its quota allows (10,000 unless raised): ` +
        'delete clips, shorten the retention (CLIP_RETENTION_DAYS), or ask AWS to raise "Assets per packaging group", then clip again',
      assetId,
      options,
    );
  }
}

/** S3 refused or failed listing or deleting a clip's files; the removal is retried. */
export class ClipObjectsError extends ClipError {
  override readonly name = 'ClipObjectsError';
}

/** publishClipUpdate failed: the clip is stored, subscribers were not told. */
export class PublishError extends ClipError {
  override readonly name = 'PublishError';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
