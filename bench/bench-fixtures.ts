import { WxBizMsgCrypt } from '../src/crypto/wx-biz-msg-crypt.js';
import { parseWechatXml } from '../src/xml/xml.js';

/** Fake component credentials of the right shapes; nothing here reaches WeChat. */
export const BENCH_COMPONENT = {
  appId: 'wxbenchcomponent00',
  appSecret: 'bench0component0secret0not0real',
  token: 'benchToken',
  encodingAesKey: 'BenchEncodingAesKeyNotSecretAtAll0000000000',
};

/** Release-test account of group 1 (§7.1) and the fan of real release-test logs. */
const TEST_APPID = 'wx570bc396a51b8ff8';
const TEST_GH = 'gh_3c884a361561';
const FAN = 'ozy4qt5QUADNXORxCVipKMV9dss0';
/** An account the gateway does not know: decrypted with the component key, handed to the webhooks. */
const PLAIN_APPID = 'wxbenchaccount0001';
export const RELEASE_REPLY = 'TESTCOMPONENT_MSG_TYPE_TEXT_callback';

export type Scenario = 'release' | 'webhook';

export interface Push {
  path: string;
  body: string;
}

export const benchCrypt = (): WxBizMsgCrypt =>
  new WxBizMsgCrypt({
    token: BENCH_COMPONENT.token,
    encodingAesKey: BENCH_COMPONENT.encodingAesKey,
    appId: BENCH_COMPONENT.appId,
  });

/** `count` distinct safe-mode pushes (unique MsgId each), encrypted and signed like WeChat's. */
export function makePushes(crypt: WxBizMsgCrypt, scenario: Scenario, count: number, firstMsgId: bigint): Push[] {
  const [appid, gh, content] =
    scenario === 'release'
      ? [TEST_APPID, TEST_GH, 'TESTCOMPONENT_MSG_TYPE_TEXT']
      : [PLAIN_APPID, 'gh_bench00000001', 'hello'];
  const pushes: Push[] = [];
  const timestamp = String(Math.floor(Date.now() / 1000));
  for (let i = 0; i < count; i++) {
    const nonce = String(100000 + i);
    const plaintext =
      `<xml><ToUserName><![CDATA[${gh}]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[${content}]]></Content><MsgId>${firstMsgId + BigInt(i)}</MsgId></xml>`;
    const encrypt = crypt.encrypt(plaintext);
    const query = new URLSearchParams({
      signature: crypt.signature(timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: crypt.msgSignature(timestamp, nonce, encrypt),
      openid: FAN,
    });
    const body = `<xml><ToUserName><![CDATA[${gh}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    pushes.push({ path: `/wechat/accounts/${appid}/messages?${query.toString()}`, body });
  }
  return pushes;
}

/** True when the answer is what WeChat expects: the verified callback text, or `success` for webhooks. */
export function isExpectedAnswer(crypt: WxBizMsgCrypt, scenario: Scenario, status: number, body: string): boolean {
  if (status !== 200) return false;
  if (scenario === 'webhook') return body === 'success';
  try {
    const outer = parseWechatXml(body) as Record<string, string>;
    const { message } = crypt.verifyAndDecrypt(outer.MsgSignature, outer.TimeStamp, outer.Nonce, outer.Encrypt);
    const inner = parseWechatXml(message);
    return inner.Content === RELEASE_REPLY && inner.ToUserName === FAN && inner.FromUserName === TEST_GH;
  } catch {
    return false;
  }
}
