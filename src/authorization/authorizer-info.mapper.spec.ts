import { describe, expect, it } from '@jest/globals';
import { authorizationAppid, toAccountInfo, toFuncIds } from './authorizer-info.mapper.js';

describe('authorizer info mapping (§4.6)', () => {
  it('maps an official account', () => {
    expect(
      toAccountInfo({
        nick_name: 'Demo Shop',
        head_img: 'http://wx.qlogo.cn/mmopen/xxx/0',
        service_type_info: { id: 2 },
        verify_type_info: { id: -1 },
        user_name: 'gh_0123456789ab',
        principal_name: 'Demo Co., Ltd.',
        alias: 'demoshop',
      }),
    ).toEqual({
      kind: 'official_account',
      nickName: 'Demo Shop',
      headImg: 'http://wx.qlogo.cn/mmopen/xxx/0',
      userName: 'gh_0123456789ab',
      principalName: 'Demo Co., Ltd.',
      alias: 'demoshop',
      serviceType: 2,
      verifyType: -1,
    });
  });

  it('recognises a mini program by MiniProgramInfo; empty strings become null', () => {
    const info = toAccountInfo({
      nick_name: 'Demo MP',
      service_type_info: { id: 0 },
      verify_type_info: { id: 0 },
      alias: '',
      MiniProgramInfo: { network: {}, categories: [], visit_status: 0 },
    });
    expect(info.kind).toBe('mini_program');
    expect(info.alias).toBeNull();
    expect(info.serviceType).toBe(0);
    expect(info.headImg).toBeNull();
  });

  it('parses old shapes: appid instead of authorizer_appid, ids as strings, missing blocks', () => {
    expect(authorizationAppid({ authorizer_info: {}, authorization_info: { appid: 'wxold' } })).toBe('wxold');
    expect(authorizationAppid({ authorizer_info: {}, authorization_info: { authorizer_appid: 'wxnew' } })).toBe(
      'wxnew',
    );
    const info = toAccountInfo({ service_type_info: { id: '1' as unknown as number } });
    expect(info).toMatchObject({ kind: 'official_account', serviceType: 1, verifyType: null, nickName: null });
  });

  it('keeps the granted func ids, ignoring confirm_info and malformed entries', () => {
    expect(
      toFuncIds([
        { funcscope_category: { id: 1 } },
        { funcscope_category: { id: 15 } },
        { funcscope_category: { id: 33 }, confirm_info: { need_confirm: 0 } } as never,
        {},
        { funcscope_category: { id: 1 } },
      ]),
    ).toEqual([1, 15, 33]);
    expect(toFuncIds(undefined)).toEqual([]);
  });
});
