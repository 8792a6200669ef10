import type { WechatSimulator } from '../wechat-simulator.js';
import { postJson, withParams } from './http.js';

/** A component token through the real endpoint, with a ticket minted in-process (no push needed). */
export async function componentToken(sim: WechatSimulator): Promise<string> {
  const { appId, appSecret } = sim.component;
  const { body } = await postJson(`${sim.url}/cgi-bin/component/api_component_token`, {
    component_appid: appId,
    component_appsecret: appSecret,
    component_verify_ticket: sim.state.tickets.issue().ticket,
  });
  if (typeof body.component_access_token !== 'string') throw new Error(`no component token: ${JSON.stringify(body)}`);
  return body.component_access_token;
}

/** Authorizes an account without the browser and exchanges the code: its first authorizer tokens. */
export async function authorize(
  sim: WechatSimulator,
  appid: string,
  funcIds?: number[],
  token?: string,
): Promise<{ accessToken: string; refreshToken: string; componentToken: string }> {
  const ct = token ?? (await componentToken(sim));
  const { authCode } = await sim.authorizeDirectly(appid, funcIds);
  const { body } = await postJson(
    withParams(`${sim.url}/cgi-bin/component/api_query_auth`, { component_access_token: ct }),
    {
      component_appid: sim.component.appId,
      authorization_code: authCode,
    },
  );
  const info = body.authorization_info as Record<string, string>;
  return { accessToken: info.authorizer_access_token, refreshToken: info.authorizer_refresh_token, componentToken: ct };
}
