import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../../src/cache/cache.module.js';
import type { RedisClient } from '../../src/cache/redis-connection.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { startMessageGateway, type MessageGateway } from '../support/message-gateway.js';
import { handPush, openReply, postPush, textMessage } from '../support/message-push.js';

const OA = 'wxdemoofficial0001';
const OA_GH = 'gh_demo0000oa01';

/** The message URL on MySQL/MariaDB + Redis with two instances sharing both. */
describe('message URL on MySQL/MariaDB + Redis, two instances', () => {
  let a: MessageGateway;
  let b: MessageGateway;
  let db: { url: string; drop: () => Promise<void> };
  let prefix: string;
  let seq = 0;
  const msgId = () => String(25_000_000_000_000_000n + BigInt(Date.now()) * 1000n + BigInt(seq++));
  const dispatchedEverywhere = (content: string) =>
    a.dispatcher.count((m) => m.fields.Content === content) + b.dispatcher.count((m) => m.fields.Content === content);

  beforeAll(async () => {
    db = await createScratchDatabase();
    prefix = scratchRedisPrefix();
    const shared = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
    a = await startMessageGateway(shared);
    b = await startMessageGateway(shared, {}, { sim: a.sim });
    await a.sim.pushTicket();
    await a.sim.authorizeDirectly(OA);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
  });

  it('runs on MySQL and keeps dedupe keys in Redis under the configured prefix', async () => {
    expect(a.app.get(DataSource).options.type).toBe('mysql');
    await postPush(a.url, OA, handPush(a.crypt, textMessage(OA_GH, 'keyed', msgId())));
    const redis = a.app.get<RedisClient>(REDIS_CLIENT);
    expect((await redis.keys(`${prefix}msg:seen:${OA}:m:*`)).length).toBeGreaterThan(0);
  });

  it('dispatches a push to instance A and its resend to instance B once, with the same answer', async () => {
    const push = handPush(a.crypt, textMessage(OA_GH, 'A then B', msgId()));
    const first = await postPush(a.url, OA, push);
    const resend = await postPush(b.url, OA, push);
    expect([first.status, resend.status]).toEqual([200, 200]);
    const [one, two] = [openReply(a.crypt, await first.text()), openReply(b.crypt, await resend.text())];
    expect(one).toMatchObject({ Content: 'echo:A then B' });
    expect(two).toEqual(one);
    expect(dispatchedEverywhere('A then B')).toBe(1);
  });

  it('lets a resend on B wait for the answer A is still working on', async () => {
    a.dispatcher.delayFor = (m) => (m.fields.Content === 'slow on A' ? 400 : 0);
    const push = handPush(a.crypt, textMessage(OA_GH, 'slow on A', msgId()));
    const first = postPush(a.url, OA, push);
    await new Promise((r) => setTimeout(r, 100));
    const resend = await postPush(b.url, OA, push);
    const replies = [openReply(a.crypt, await (await first).text()), openReply(b.crypt, await resend.text())];
    a.dispatcher.delayFor = () => 0;
    expect(replies[1]).toEqual(replies[0]);
    expect(dispatchedEverywhere('slow on A')).toBe(1);
  });

  it.each([1, 2, 3, 4, 5] as const)(
    'passes the release test of group %i with the message URL on either instance',
    async (group) => {
      const target = group % 2 === 0 ? b : a;
      a.sim.configure({ messageUrlTemplate: `${target.url}/wechat/accounts/$APPID$/messages` });
      const result = await a.sim.runReleaseTest({ group, kind: 'all', customSendTimeoutMs: 10_000 });
      expect(result.items.filter((i) => !i.passed)).toEqual([]);
    },
  );
});
