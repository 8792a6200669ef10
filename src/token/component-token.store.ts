export interface StoredComponentToken {
  accessToken: string;
  expiresAt: Date;
  fetchedAt: Date;
}

/** Durable component_access_token storage, so a restart does not cost a WeChat call. */
export abstract class ComponentTokenStore {
  abstract find(componentAppid: string): Promise<StoredComponentToken | null>;

  /** Writes unless a token fetched at the same time or later is stored (pitfall 4). True when written. */
  abstract saveIfNewer(componentAppid: string, token: StoredComponentToken): Promise<boolean>;

  /** Deletes the stored token only while it is still `accessToken` (compare-and-delete). */
  abstract deleteIfCurrent(componentAppid: string, accessToken: string): Promise<boolean>;
}
