import { buildXml } from '../core/xml.js';
import type { FakeGateway, ReceivedPush } from './fake-gateway.js';
import { postJson, withParams } from './http.js';

/**
 * A minimal correct release-test handler (§7.2) on top of FakeGateway, to prove the runner passes
 * what it should. `cacheTokens` reproduces WxJava #781: reusing a token cached from an earlier run.
 */
export class ReleaseResponder {
  private ticket = '';
  private readonly cached = new Map<string, string>();
  readonly background: Promise<unknown>[] = [];

  constructor(
    private readonly gw: FakeGateway,
    private readonly apiUrl: string,
    private readonly secret: string,
    private readonly opts: { cacheTokens?: boolean } = {},
  ) {}

  respond = (push: ReceivedPush): string => {
    const f = push.fields;
    if (f.InfoType === 'component_verify_ticket') this.ticket = f.ComponentVerifyTicket;
    if (f.InfoType) return 'success';
    if (f.MsgType === 'event') return this.reply(f, `${f.Event}from_callback`);
    if (f.Content === 'TESTCOMPONENT_MSG_TYPE_TEXT') return this.reply(f, 'TESTCOMPONENT_MSG_TYPE_TEXT_callback');
    if (f.Content?.startsWith('QUERY_AUTH_CODE:')) {
      const code = f.Content.slice('QUERY_AUTH_CODE:'.length);
      this.background.push(this.answerWithApi(push.path.split('/')[3], code, f.FromUserName));
      return '';
    }
    return 'success';
  };

  reply(f: Record<string, string>, content: string): string {
    const plain = buildXml({
      ToUserName: f.FromUserName,
      FromUserName: f.ToUserName,
      CreateTime: 1,
      MsgType: 'text',
      Content: content,
    });
    const encrypt = this.gw.crypt.encrypt(plain);
    const [timestamp, nonce] = ['1700000001', '777'];
    return buildXml({
      Encrypt: encrypt,
      MsgSignature: this.gw.crypt.msgSignature(timestamp, nonce, encrypt),
      TimeStamp: 1700000001,
      Nonce: nonce,
    });
  }

  private async answerWithApi(appid: string, code: string, touser: string): Promise<void> {
    let token = this.opts.cacheTokens ? this.cached.get(appid) : undefined;
    if (!token) {
      const ct = await this.componentToken();
      const { body } = await postJson(
        withParams(`${this.apiUrl}/cgi-bin/component/api_query_auth`, { component_access_token: ct }),
        {
          component_appid: this.gw.crypt.appId,
          authorization_code: code,
        },
      );
      token = String((body.authorization_info as Record<string, string>).authorizer_access_token);
      this.cached.set(appid, token);
    }
    await postJson(withParams(`${this.apiUrl}/cgi-bin/message/custom/send`, { access_token: token }), {
      touser,
      msgtype: 'text',
      text: { content: `${code}_from_api` },
    });
  }

  private async componentToken(): Promise<string> {
    const { body } = await postJson(`${this.apiUrl}/cgi-bin/component/api_component_token`, {
      component_appid: this.gw.crypt.appId,
      component_appsecret: this.secret,
      component_verify_ticket: this.ticket,
    });
    return String(body.component_access_token);
  }
}
