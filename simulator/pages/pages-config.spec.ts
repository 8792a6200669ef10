import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { FakeGateway } from '../testing/fake-gateway.js';
import { postJson, rawRequest, waitFor, withParams } from '../testing/http.js';
import { DEFAULT_COMPONENT as C } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

describe('configuration after start, periodic tickets, open-host pages', () => {
  let sim: WechatSimulator;
  let gw: FakeGateway;

  beforeAll(async () => {
    gw = await FakeGateway.start(C);
    sim = await WechatSimulator.start({
      quiet: true,
      pushTicketOnStart: false,
      ticketIntervalMs: 0,
      pushTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await gw.stop();
  });

  it('takes the gateway URLs through POST /__sim/config and pushes tickets every interval', async () => {
    const { body } = await postJson(`${sim.controlUrl}/config`, {
      eventUrl: gw.eventUrl,
      messageUrlTemplate: gw.messageUrlTemplate,
      initiationDomain: new URL(gw.url).host,
      ticketIntervalMs: 50,
    });
    expect(body.eventUrl).toBe(gw.eventUrl);
    await waitFor(() => gw.pushesOf('component_verify_ticket').length >= 3);
    sim.configure({ ticketIntervalMs: 0 });
    await new Promise((r) => setTimeout(r, 100));
    const count = gw.pushesOf('component_verify_ticket').length;
    await new Promise((r) => setTimeout(r, 150));
    expect(gw.pushesOf('component_verify_ticket').length).toBe(count);
  });

  it('serves the new H5 page on the open host with the same checks (biz_appid filter)', async () => {
    const pre = sim.state.codes.issue('pre_auth', C.appId, 1800).code;
    const url = withParams(`${sim.openUrl}/wxaopen/safe/bindcomponent`, {
      action: 'bindcomponent',
      no_scan: '1',
      component_appid: C.appId,
      pre_auth_code: pre,
      redirect_uri: `${gw.url}/cb`,
      biz_appid: 'wxdemominiprog0001',
    });
    const page = await rawRequest(url, { headers: { Referer: `${gw.url}/wechat/authorize` } });
    expect(page.text).toContain('id="authorize-wxdemominiprog0001"');
    expect(page.text).not.toContain('data-appid="wxdemoofficial0001"');
    const noReferer = await rawRequest(url);
    expect(noReferer.headers['x-sim-error']).toBe('domain');
    const wrongPort = await rawRequest(url, { headers: { Referer: 'http://127.0.0.1:1/x' } });
    expect(wrongPort.text).toContain('entry page domain: 127.0.0.1:1');
    expect((await rawRequest(`${sim.mpUrl}/wxaopen/safe/bindcomponent`)).status).toBe(404);
  });

  it('answers an expired pre_auth_code with 61010', async () => {
    const pre = sim.state.codes.issue('pre_auth', C.appId, 1800).code;
    sim.advanceClock(1800);
    const page = await rawRequest(
      withParams(`${sim.mpUrl}/cgi-bin/componentloginpage`, {
        component_appid: C.appId,
        pre_auth_code: pre,
        redirect_uri: `${gw.url}/cb`,
      }),
      { headers: { Referer: `${gw.url}/` } },
    );
    expect(page.headers['x-sim-error']).toBe('pre_auth_code_expired');
    expect(page.text).toContain('61010');
  });

  it('web OAuth authorize redirects with code, state and appid for authorized accounts', async () => {
    const authorizeUrl = (appid: string) =>
      withParams(`${sim.openUrl}/connect/oauth2/authorize`, {
        appid,
        redirect_uri: `${gw.url}/oauth?x=1`,
        response_type: 'code',
        scope: 'snsapi_base',
        state: 'S1',
        component_appid: C.appId,
      });
    expect((await rawRequest(authorizeUrl('wxdemoofficial0002'))).headers['x-sim-error']).toBe('appid');
    await sim.authorizeDirectly('wxdemoofficial0002');
    const answer = await rawRequest(authorizeUrl('wxdemoofficial0002'));
    const location = new URL(String(answer.headers.location));
    expect(location.searchParams.get('x')).toBe('1');
    expect(location.searchParams.get('state')).toBe('S1');
    expect(location.searchParams.get('appid')).toBe('wxdemoofficial0002');
    expect(sim.state.codes.peek('oauth', location.searchParams.get('code') ?? '').ok).toBe(true);
  });
});
