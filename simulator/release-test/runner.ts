import type { SimContext } from '../context.js';
import type { AuthorizationFlow } from '../flows/authorization-flow.js';
import type { EventPusher } from '../push/event-pusher.js';
import type { MessagePusher } from '../push/message-pusher.js';
import { RELEASE_TEST_GROUPS } from '../seed-data.js';
import { apiTextCase, eventCase, textCase, type CaseOutcome } from './message-cases.js';
import type { ReleaseTestItem, ReleaseTestOptions, ReleaseTestResult } from './types.js';

export interface ReleaseTestDeps {
  ctx: SimContext;
  events: EventPusher;
  messages: MessagePusher;
  flow: AuthorizationFlow;
}

/** §7: what WeChat runs against the live gateway when the developer clicks 全网发布. */
export async function runReleaseTest(deps: ReleaseTestDeps, opts: ReleaseTestOptions): Promise<ReleaseTestResult> {
  const group = RELEASE_TEST_GROUPS[opts.group - 1];
  if (!group) throw new Error('group must be 1..5');
  const kind = opts.kind ?? 'all';
  const items: ReleaseTestItem[] = [];
  const ticket = await deps.events.pushTicket();
  items.push(item('组件ticket正确接收 (component ticket received)', ticket.ok ? { passed: true } : fail(ticket.error)));
  const accounts = kind === 'all' ? (['oa', 'mp'] as const) : ([kind] as const);
  for (const accountKind of accounts) {
    items.push(...(await runForAccount(deps, group[accountKind][0], accountKind, opts.customSendTimeoutMs ?? 10_000)));
  }
  return { passed: items.every((i) => i.passed), group: opts.group, kind, items };
}

async function runForAccount(
  deps: ReleaseTestDeps,
  appid: string,
  kind: 'oa' | 'mp',
  timeoutMs: number,
): Promise<ReleaseTestItem[]> {
  const { ctx, flow, messages } = deps;
  const label = (name: string) => `${name} [${kind.toUpperCase()} ${appid}]`;
  const account = ctx.state.account(appid);
  if (!account) throw new Error(`release-test account ${appid} missing`);
  // Each run authorizes afresh; tokens cached from earlier runs now fail with 48001 (WxJava #781).
  ctx.state.authorizations.revoke(appid);
  ctx.state.tokens.invalidateAllFor(appid, 48001, ['authorizer']);
  const items: ReleaseTestItem[] = [];
  const pre = ctx.state.codes.issue('pre_auth', ctx.componentAppId, ctx.options.preAuthCodeTtlSec);
  items.push(item(label('生成预授权码 (pre-auth code)'), { passed: true }));
  ctx.state.codes.consume('pre_auth', pre.code);
  const { code } = flow.confirm(appid, account.funcIds, pre.code);
  items.push(item(label('获取授权code (authorization code)'), { passed: true }));
  const authorized = await flow.pushForCode('authorized', code);
  items.push(item(label('授权 (authorization)'), authorized.ok ? { passed: true } : fail(authorized.error)));
  if (kind === 'oa') {
    items.push(item(label('发送事件消息 (event message)'), await eventCase(messages, appid)));
    items.push(item(label('返回普通文本消息 (plain text reply)'), await textCase(messages, appid)));
  }
  // A code of its own for the text case, so exchanging the pushed one first does not burn it.
  const textCode = ctx.state.codes.issue('auth', appid, ctx.options.authCodeTtlSec, { preAuthCode: pre.code });
  const apiName = kind === 'oa' ? '返回Api文本消息 (API text reply)' : '返回Api文本消息 (API text reply, mini program)';
  items.push(item(label(apiName), await apiTextCase(ctx, messages, appid, textCode.code, timeoutMs)));
  const revoked = await flow.revoke(appid);
  const revokeOk = revoked.push?.ok ?? false;
  items.push(item(label('取消授权 (de-authorization)'), revokeOk ? { passed: true } : fail(revoked.push?.error)));
  return items;
}

function item(name: string, outcome: CaseOutcome): ReleaseTestItem {
  return outcome.passed ? { name, passed: true } : { name, passed: false, reason: outcome.reason };
}

function fail(reason: string | undefined): CaseOutcome {
  return { passed: false, reason: reason ?? 'failed' };
}
