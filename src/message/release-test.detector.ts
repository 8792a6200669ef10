/**
 * WeChat's full-network release test accounts (§7.1): five groups, each an Official Account and a
 * mini program, as appid and original id. Groups 2-5 came in January 2021; handling only group 1
 * fails with "no test resource" (pitfall 9).
 */
export const RELEASE_TEST_ACCOUNTS: readonly { appid: string; userName: string }[] = [
  { appid: 'wx570bc396a51b8ff8', userName: 'gh_3c884a361561' },
  { appid: 'wxd101a85aa106f53e', userName: 'gh_8dad206e9538' },
  { appid: 'wx9252c5e0bb1836fc', userName: 'gh_c0f28a78b318' },
  { appid: 'wxc39235c15087f6f3', userName: 'gh_905ae9d01059' },
  { appid: 'wx8e1097c5bc82cde9', userName: 'gh_3f222ed8d140' },
  { appid: 'wx7720d01d4b2a4500', userName: 'gh_393666f1fdf4' },
  { appid: 'wx14550af28c71a144', userName: 'gh_26128078e9ab' },
  { appid: 'wx05d483572dcd5d8b', userName: 'gh_39abb5d4e1b7' },
  { appid: 'wxa35b9c23cfe664eb', userName: 'gh_2b3713f184a6' },
  { appid: 'wx5910277cae6fd970', userName: 'gh_7818dcb60240' },
];

const TEST_APPIDS = new Set(RELEASE_TEST_ACCOUNTS.map((a) => a.appid));
const TEST_USER_NAMES = new Set(RELEASE_TEST_ACCOUNTS.map((a) => a.userName));

export const RELEASE_TEXT = 'TESTCOMPONENT_MSG_TYPE_TEXT';
export const QUERY_AUTH_CODE_PREFIX = 'QUERY_AUTH_CODE:';

/** What the release test expects for one message (§7.2 steps 3-6). */
export type ReleaseTestAction =
  | { kind: 'reply'; content: string }
  | { kind: 'api'; code: string }
  /** A test account's message none of the cases covers: `success`, never a tenant's webhook. */
  | { kind: 'ignore' };

/** By the path appid or by ToUserName, so a test account is recognised even if WeChat changes one of them. */
export function isReleaseTestAccount(appid: string, toUserName: unknown): boolean {
  return TEST_APPIDS.has(appid) || (typeof toUserName === 'string' && TEST_USER_NAMES.has(toUserName));
}

/** The action for a release-test account's message, or null when the push is not for one. */
export function releaseTestAction(appid: string, fields: Record<string, unknown>): ReleaseTestAction | null {
  if (!isReleaseTestAccount(appid, fields.ToUserName)) return null;
  if (fields.MsgType === 'event' && typeof fields.Event === 'string' && fields.Event !== '') {
    return { kind: 'reply', content: `${fields.Event}from_callback` };
  }
  if (fields.MsgType !== 'text' || typeof fields.Content !== 'string') return { kind: 'ignore' };
  if (fields.Content === RELEASE_TEXT) return { kind: 'reply', content: `${RELEASE_TEXT}_callback` };
  const code = queryAuthCodeOf(fields.Content);
  return code === null ? { kind: 'ignore' } : { kind: 'api', code };
}

/** Everything after the FIRST colon: codes look like `queryauthcode@@@…` and may hold colons too. */
export function queryAuthCodeOf(content: string): string | null {
  if (!content.startsWith(QUERY_AUTH_CODE_PREFIX)) return null;
  const code = content.slice(content.indexOf(':') + 1);
  return code === '' ? null : code;
}
