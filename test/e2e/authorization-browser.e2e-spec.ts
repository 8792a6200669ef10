import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

/** Debian's chromium (installed by .ci/run when missing), never a downloaded browser build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RETURN_TO = 'https://app.example.com/wechat/done?from=test';

/**
 * An account owner authorizes in a real browser: the gateway's page → WeChat's (simulated) page,
 * reached with the gateway page as Referer → click authorize → back through the gateway's callback
 * → on to the internal app's allow-listed page with the appid; the API then lists the account.
 */
describe('authorization in a browser', () => {
  let gw: SimGateway;
  let browser: Browser;

  beforeAll(async () => {
    gw = await startSimGateway();
    await gw.sim.pushTicket();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  async function authorizeWith(userAgent: string | undefined, appid: string, wechatHost: string): Promise<URL> {
    const context = await browser.newContext(userAgent ? { userAgent } : {});
    const page = await context.newPage();
    // The internal app is not running here: answer its page locally, no network.
    await page.route('https://app.example.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<h1>internal app</h1>' }),
    );
    await page.goto(`${gw.url}/wechat/authorize?redirect_uri=${encodeURIComponent(RETURN_TO)}`);
    await page.waitForURL((u) => u.origin === new URL(wechatHost).origin, { timeout: 15_000 });
    await page.click(`button[data-appid="${appid}"]`);
    await page.waitForURL((u) => u.hostname === 'app.example.com', { timeout: 15_000 });
    const landed = new URL(page.url());
    await context.close();
    return landed;
  }

  it('on a PC: the scan page, then back to the internal app with the appid', async () => {
    const landed = await authorizeWith(undefined, 'wxdemoofficial0002', gw.sim.mpUrl);
    expect(`${landed.origin}${landed.pathname}`).toBe('https://app.example.com/wechat/done');
    expect(landed.searchParams.get('from')).toBe('test');
    expect(landed.searchParams.get('appid')).toBe('wxdemoofficial0002');
    const { body } = await request(gw.app.getHttpServer())
      .get('/api/accounts/wxdemoofficial0002')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body).toMatchObject({ appid: 'wxdemoofficial0002', status: 'authorized' });
  }, 60_000);

  it('inside WeChat on a phone: the mobile page', async () => {
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.40';
    const landed = await authorizeWith(ua, 'wxdemominiprog0001', gw.sim.openUrl);
    expect(landed.searchParams.get('appid')).toBe('wxdemominiprog0001');
    const { body } = await request(gw.app.getHttpServer())
      .get('/api/accounts')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body.items.map((a: { appid: string }) => a.appid)).toEqual(
      expect.arrayContaining(['wxdemoofficial0002', 'wxdemominiprog0001']),
    );
  }, 60_000);

  it('the admin page shows the component, the accounts and the latest pushes with an admin key', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/admin`);
    await page.fill('#key', ADMIN_KEY);
    await page.click('button[type=submit]');
    await page.waitForSelector('#accounts tbody tr');
    const accounts = await page.locator('#accounts tbody tr td:first-child').allTextContents();
    expect(accounts).toEqual(expect.arrayContaining(['wxdemoofficial0002', 'wxdemominiprog0001']));
    const events = await page.locator('#events tbody tr td:nth-child(2)').allTextContents();
    expect(events).toEqual(expect.arrayContaining(['component_verify_ticket', 'authorized']));
    expect(await page.locator('#component').textContent()).toContain(gw.sim.component.appId);
    await page.fill('#key', 'wrong-key-wrong-key');
    await page.click('button[type=submit]');
    await expect(page.locator('#status').textContent()).resolves.toContain('401');
    await page.close();
  }, 60_000);
});
