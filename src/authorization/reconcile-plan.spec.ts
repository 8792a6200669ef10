import { describe, expect, it } from '@jest/globals';
import type { KnownAccount } from '../account/account.types.js';
import { planReconcile } from './reconcile-plan.js';

const known = (appid: string, over: Partial<KnownAccount> = {}): KnownAccount => ({
  appid,
  status: 'authorized',
  refreshToken: `R_${appid}`,
  infoSynced: true,
  ...over,
});

describe('planReconcile', () => {
  it('leaves accounts that match alone', () => {
    expect(planReconcile([known('a')], [{ authorizer_appid: 'a', refresh_token: 'R_a' }])).toEqual([]);
  });

  it('writes back a refresh token that differs, and ignores a missing one', () => {
    expect(
      planReconcile(
        [known('a'), known('b')],
        [{ authorizer_appid: 'a', refresh_token: 'NEW' }, { authorizer_appid: 'b' }],
      ),
    ).toEqual([{ kind: 'repair_token', appid: 'a', refreshToken: 'NEW' }]);
  });

  it('recovers a lost refresh token', () => {
    expect(
      planReconcile([known('a', { refreshToken: null })], [{ authorizer_appid: 'a', refresh_token: 'R' }]),
    ).toEqual([{ kind: 'repair_token', appid: 'a', refreshToken: 'R' }]);
  });

  it('adopts unknown accounts, revoked ones WeChat lists again, and ones whose info was never read', () => {
    const plan = planReconcile(
      [known('revoked', { status: 'revoked' }), known('noinfo', { infoSynced: false })],
      [
        { authorizer_appid: 'new', refresh_token: 'R_new' },
        { authorizer_appid: 'revoked', refresh_token: 'R2' },
        { authorizer_appid: 'noinfo' },
      ],
    );
    expect(plan).toEqual([
      { kind: 'adopt', appid: 'new', refreshToken: 'R_new' },
      { kind: 'adopt', appid: 'revoked', refreshToken: 'R2' },
      { kind: 'adopt', appid: 'noinfo', refreshToken: undefined },
    ]);
  });

  it('revokes stored accounts absent from the list, but not already revoked ones', () => {
    const plan = planReconcile(
      [known('gone'), known('dead', { status: 'needs_reauthorization' }), known('old', { status: 'revoked' })],
      [],
    );
    expect(plan).toEqual([
      { kind: 'revoke', appid: 'gone' },
      { kind: 'revoke', appid: 'dead' },
    ]);
  });
});
