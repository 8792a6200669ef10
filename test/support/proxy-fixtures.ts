import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AuthorizationService } from '../../src/authorization/authorization.service.js';
import { AccountTokenService } from '../../src/token/account-token.service.js';
import type { WechatSimulator } from '../../simulator/index.js';
import { seedTicket } from './auth-flow.js';
import { ADMIN_KEY } from './create-test-app.js';

export const OA = 'wxdemoofficial0001';
export const MP = 'wxdemominiprog0001';

/** A ticket, then each account authorized in the simulator and its code exchanged as the push would. */
export async function authorizeAccounts(app: INestApplication, sim: WechatSimulator, appids: string[]): Promise<void> {
  await seedTicket(app, sim);
  for (const appid of appids) {
    const { authCode } = await sim.authorizeDirectly(appid);
    await app.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'push');
  }
}

/** A new API key through the admin API. */
export async function createKey(app: INestApplication, scopes: string[], allowedAppids?: string[]): Promise<string> {
  const body = { name: 'proxy-test', scopes, ...(allowedAppids ? { allowed_appids: allowedAppids } : {}) };
  const res = await request(app.getHttpServer()).post('/api/keys').auth(ADMIN_KEY, { type: 'bearer' }).send(body);
  if (res.status !== 201) throw new Error(`key creation answered ${res.status}: ${res.text}`);
  return res.body.key as string;
}

/** The account's current access token, as the gateway holds it. */
export async function currentToken(app: INestApplication, appid: string): Promise<string> {
  return (await app.get(AccountTokenService).get(appid)).accessToken;
}

export function firstUser(sim: WechatSimulator, appid: string): string {
  const openid = sim.state.account(appid)?.users[0]?.openid;
  if (!openid) throw new Error(`${appid} has no seeded user`);
  return openid;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP request with the path sent byte for byte (no URL normalisation of `\`, `..` or `//`). */
export function rawRequest(
  baseUrl: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface EvilServer {
  /** host:port */
  host: string;
  hits: () => number;
  close: () => Promise<void>;
}

/** A local server standing for any other host: it counts every request that reaches it. */
export async function startEvilServer(): Promise<EvilServer> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('{"evil":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
