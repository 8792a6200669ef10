import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { getJson, postJson, withParams } from '../testing/http.js';
import { DEFAULT_COMPONENT, DEFAULT_DIRECT_ACCOUNTS } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

const DIRECT = DEFAULT_DIRECT_ACCOUNTS[0];

describe('faults, per host', () => {
  let sim: WechatSimulator;
  const tokenUrl = (base: string) =>
    withParams(`${base}/cgi-bin/token`, {
      grant_type: 'client_credential',
      appid: DIRECT.appid,
      secret: DIRECT.secret,
    });

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true });
  });
  afterAll(() => sim.stop());

  it('answers the injected errcode for the next N calls on that host only', async () => {
    sim.injectFault({ host: 'api', count: 2, kind: 'errcode', errcode: 45009 });
    expect((await getJson(tokenUrl(sim.url))).body.errcode).toBe(45009);
    expect((await getJson(tokenUrl(sim.api2Url))).body.access_token).toBeDefined();
    expect((await getJson(tokenUrl(sim.url))).body.errcode).toBe(45009);
    expect((await getJson(tokenUrl(sim.url))).body.access_token).toBeDefined();
    expect(sim.calls({ path: '/cgi-bin/token', errcode: 45009 })).toHaveLength(2);
  });

  it('answers -1 by default and can be limited to one path', async () => {
    sim.injectFault({ host: 'api', kind: 'errcode', path: '/cgi-bin/stable_token' });
    expect((await getJson(tokenUrl(sim.url))).body.access_token).toBeDefined();
    const stable = await postJson(`${sim.url}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: DIRECT.appid,
      secret: DIRECT.secret,
    });
    expect(stable.body.errcode).toBe(-1);
    expect(sim.faults()).toHaveLength(0);
  });

  it('resets the connection, while api2 keeps answering (failover target)', async () => {
    sim.injectFault({ host: 'api', kind: 'reset' });
    await expect(fetch(tokenUrl(sim.url))).rejects.toThrow();
    expect((await getJson(tokenUrl(sim.api2Url))).status).toBe(200);
    expect(sim.calls({ host: 'api' }).at(-1)?.fault).toBe('reset');
  });

  it('answers HTTP 5xx with the given status', async () => {
    sim.injectFault({ host: 'api2', kind: 'http5xx', status: 503 });
    expect((await fetch(tokenUrl(sim.api2Url))).status).toBe(503);
    expect((await fetch(tokenUrl(sim.api2Url))).status).toBe(200);
  });

  it('delays by latencyMs and then answers normally', async () => {
    sim.injectFault({ host: 'api', kind: 'latency', latencyMs: 250 });
    const started = Date.now();
    expect((await getJson(tokenUrl(sim.url))).body.access_token).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('applies to the pages hosts too', async () => {
    sim.injectFault({ host: 'mp', kind: 'http5xx' });
    expect((await fetch(`${sim.mpUrl}/cgi-bin/componentloginpage`)).status).toBe(502);
  });

  it('never applies to the control API, and can be set and cleared through it', async () => {
    const set = await postJson(`${sim.controlUrl}/faults`, { host: 'api', kind: 'errcode', errcode: 61004, count: 3 });
    expect(set.body.remaining).toBe(3);
    expect((await getJson(`${sim.controlUrl}/clock`)).status).toBe(200);
    expect((await getJson(tokenUrl(sim.url))).body.errcode).toBe(61004);
    await fetch(`${sim.controlUrl}/faults`, { method: 'DELETE' });
    expect((await getJson(tokenUrl(sim.url))).body.access_token).toBeDefined();
    const bad = await postJson(`${sim.controlUrl}/faults`, { host: 'nowhere', kind: 'reset' });
    expect(bad.status).toBe(400);
  });

  it('counts calls per endpoint and host', () => {
    const counter = sim.counters()['/cgi-bin/token'];
    expect(counter.byHost.api).toBeGreaterThan(0);
    expect(counter.byHost.api2).toBeGreaterThan(0);
    expect(counter.byErrcode['45009']).toBe(2);
    expect(counter.total).toBe(counter.ok + counter.failed);
  });
});

describe('clock and token control over the control API', () => {
  let sim: WechatSimulator;
  const newToken = async () =>
    String(
      (
        await getJson(
          withParams(`${sim.url}/cgi-bin/token`, {
            grant_type: 'client_credential',
            appid: DIRECT.appid,
            secret: DIRECT.secret,
          }),
        )
      ).body.access_token,
    );
  const useToken = async (token: string) =>
    (await getJson(withParams(`${sim.url}/cgi-bin/getcallbackip`, { access_token: token }))).body;

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true });
  });
  afterAll(() => sim.stop());

  it('advances the simulated clock so tokens expire (42001)', async () => {
    const token = await newToken();
    expect((await useToken(token)).ip_list).toBeDefined();
    const before = sim.now();
    const advanced = await postJson(`${sim.controlUrl}/clock/advance`, { seconds: 7200 });
    expect(advanced.body.now).toBeGreaterThanOrEqual(before + 7200);
    expect((await useToken(token)).errcode).toBe(42001);
  });

  it('expires (42001) and invalidates (40001) single tokens', async () => {
    const a = await newToken();
    await postJson(`${sim.controlUrl}/tokens/expire`, { token: a });
    expect((await useToken(a)).errcode).toBe(42001);
    const b = await newToken();
    await postJson(`${sim.controlUrl}/tokens/invalidate`, { token: b });
    expect((await useToken(b)).errcode).toBe(40001);
  });

  it('invalidates every token of an account', async () => {
    const c = await newToken();
    const res = await postJson(`${sim.controlUrl}/tokens/invalidate-all`, { appid: DIRECT.appid });
    expect(res.body.count).toBeGreaterThan(0);
    expect((await useToken(c)).errcode).toBe(40001);
  });

  it('answers 61024 when cgi-bin/token is asked for the component appid', async () => {
    const url = withParams(`${sim.url}/cgi-bin/token`, {
      grant_type: 'client_credential',
      appid: DEFAULT_COMPONENT.appId,
      secret: DEFAULT_COMPONENT.appSecret,
    });
    expect((await getJson(url)).body.errcode).toBe(61024);
  });

  it('lists recorded calls with their query and errcode', async () => {
    const calls = (await getJson(`${sim.controlUrl}/calls?path=/cgi-bin/getcallbackip`)).body as unknown as {
      errcode: number;
      query: Record<string, string>;
    }[];
    expect(calls.map((c) => c.errcode)).toEqual(expect.arrayContaining([0, 42001, 40001]));
    expect(calls[0].query.access_token).toBeDefined();
  });
});
