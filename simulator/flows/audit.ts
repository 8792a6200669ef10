import type { SimContext } from '../context.js';
import type { MessagePusher } from '../push/message-pusher.js';
import type { PushRecord } from '../push/push-log.js';

/** WeChat's reviewers decide: the result arrives as an event at the message URL (§6.2). */
export function completeAudit(
  ctx: SimContext,
  messages: MessagePusher,
  appid: string,
  success: boolean,
  reason = 'simulated rejection',
): Promise<PushRecord> {
  const wxa = ctx.state.wxa.get(appid);
  if (wxa?.audit?.status !== 2) throw new Error(`${appid} has no audit in progress`);
  const now = ctx.clock.now();
  wxa.audit.status = success ? 0 : 1;
  if (!success) wxa.audit.reason = reason;
  const base = { FromUserName: 'oSYSTEMsimulator0000000000000', MsgType: 'event' };
  return messages.push(
    appid,
    success
      ? { ...base, Event: 'weapp_audit_success', SuccTime: now }
      : { ...base, Event: 'weapp_audit_fail', Reason: reason, FailTime: now, ScreenShot: '' },
  );
}
