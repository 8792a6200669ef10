import { describe, expect, it } from '@jest/globals';
import {
  RELEASE_TEST_ACCOUNTS,
  isReleaseTestAccount,
  queryAuthCodeOf,
  releaseTestAction,
} from './release-test.detector.js';

const FAN = 'ozy4qt5QUADNXORxCVipKMV9dss0';
const msg = (toUserName: string, extra: Record<string, string>) => ({
  ToUserName: toUserName,
  FromUserName: FAN,
  CreateTime: '1700000500',
  ...extra,
});

describe('release-test detection (§7.1)', () => {
  it('knows all ten accounts of the five groups', () => {
    expect(RELEASE_TEST_ACCOUNTS).toHaveLength(10);
    expect(RELEASE_TEST_ACCOUNTS.map((a) => a.appid)).toEqual(
      expect.arrayContaining(['wx570bc396a51b8ff8', 'wxd101a85aa106f53e', 'wxa35b9c23cfe664eb', 'wx5910277cae6fd970']),
    );
  });

  it('recognises a test account by the path appid or by ToUserName', () => {
    for (const { appid, userName } of RELEASE_TEST_ACCOUNTS) {
      expect(isReleaseTestAccount(appid, 'gh_unrelated')).toBe(true);
      expect(isReleaseTestAccount('wxdemoofficial0001', userName)).toBe(true);
    }
    expect(isReleaseTestAccount('wxdemoofficial0001', 'gh_demo0000oa01')).toBe(false);
    expect(isReleaseTestAccount('wxdemoofficial0001', undefined)).toBe(false);
  });

  it('answers an event with <Event>from_callback', () => {
    expect(
      releaseTestAction('wx570bc396a51b8ff8', msg('gh_3c884a361561', { MsgType: 'event', Event: 'LOCATION' })),
    ).toEqual({ kind: 'reply', content: 'LOCATIONfrom_callback' });
  });

  it('answers TESTCOMPONENT_MSG_TYPE_TEXT with the _callback text, found by gh id alone', () => {
    const fields = msg('gh_2b3713f184a6', { MsgType: 'text', Content: 'TESTCOMPONENT_MSG_TYPE_TEXT' });
    expect(releaseTestAction('wxaaaaaaaaaaaaaaaa', fields)).toEqual({
      kind: 'reply',
      content: 'TESTCOMPONENT_MSG_TYPE_TEXT_callback',
    });
  });

  it('takes the code of QUERY_AUTH_CODE after the first colon only', () => {
    const content = 'QUERY_AUTH_CODE:queryauthcode@@@EI_gy:Gd-x@@@y';
    expect(
      releaseTestAction('wxd101a85aa106f53e', msg('gh_8dad206e9538', { MsgType: 'text', Content: content })),
    ).toEqual({ kind: 'api', code: 'queryauthcode@@@EI_gy:Gd-x@@@y' });
    expect(queryAuthCodeOf('QUERY_AUTH_CODE:')).toBeNull();
    expect(queryAuthCodeOf('query_auth_code:abc')).toBeNull();
  });

  it('leaves other messages of test accounts alone, and every message of other accounts', () => {
    expect(releaseTestAction('wx570bc396a51b8ff8', msg('gh_3c884a361561', { MsgType: 'text', Content: 'hi' }))).toEqual(
      {
        kind: 'ignore',
      },
    );
    expect(releaseTestAction('wx570bc396a51b8ff8', msg('gh_3c884a361561', { MsgType: 'image' }))).toEqual({
      kind: 'ignore',
    });
    const normal = msg('gh_demo0000oa01', { MsgType: 'text', Content: 'TESTCOMPONENT_MSG_TYPE_TEXT' });
    expect(releaseTestAction('wxdemoofficial0001', normal)).toBeNull();
  });
});
