import type { ComponentCredentials, DirectAccount, SeedAccount, SimUser } from './options.js';

/** Obviously fake demo credentials of the right shapes (18-char appid, 32-char secret, 43-char key). */
export const DEFAULT_COMPONENT: ComponentCredentials = {
  appId: 'wxdemocomponent000',
  appSecret: 'demo0component0secret0not0real00',
  token: 'demoSimulatorToken',
  encodingAesKey: 'DemoSimulatorEncodingAesKeyNotSecret0000000',
};

const demoUsers = (tag: string): SimUser[] => [
  {
    openid: `oDEMO${tag}user000000000000001`.slice(0, 28),
    nickname: `Demo user 1 of ${tag}`,
    unionid: 'oUNIONdemo0001',
  },
  { openid: `oDEMO${tag}user000000000000002`.slice(0, 28), nickname: `Demo user 2 of ${tag}` },
];

export const DEFAULT_SEED_ACCOUNTS: SeedAccount[] = [
  {
    appid: 'wxdemoofficial0001',
    kind: 'oa',
    userName: 'gh_demo0000oa01',
    nickName: 'Demo Shop (simulated)',
    principalName: 'Demo Co., Ltd. (simulated)',
    funcIds: [1, 2, 3, 4, 7, 11, 15],
    users: demoUsers('OA1'),
  },
  {
    appid: 'wxdemoofficial0002',
    kind: 'oa',
    userName: 'gh_demo0000oa02',
    nickName: 'Demo News (simulated)',
    principalName: 'Demo Media Ltd. (simulated)',
    funcIds: [1, 2, 15],
    users: demoUsers('OA2'),
  },
  {
    appid: 'wxdemominiprog0001',
    kind: 'mp',
    userName: 'gh_demo0000mp01',
    nickName: 'Demo Mini Program (simulated)',
    principalName: 'Demo Co., Ltd. (simulated)',
    funcIds: [17, 18, 19, 20],
    users: demoUsers('MP1'),
  },
];

export const DEFAULT_DIRECT_ACCOUNTS: DirectAccount[] = [
  { appid: 'wxdemodirect000001', secret: 'demo0direct0secret0not0real00000', kind: 'oa' },
];

/** The simulated fan seen in real release-test logs. */
export const RELEASE_TEST_OPENID = 'ozy4qt5QUADNXORxCVipKMV9dss0';

/** §7.1: the five groups of WeChat's release-test accounts (public values from the docs). */
export const RELEASE_TEST_GROUPS: { oa: [string, string]; mp: [string, string] }[] = [
  { oa: ['wx570bc396a51b8ff8', 'gh_3c884a361561'], mp: ['wxd101a85aa106f53e', 'gh_8dad206e9538'] },
  { oa: ['wx9252c5e0bb1836fc', 'gh_c0f28a78b318'], mp: ['wxc39235c15087f6f3', 'gh_905ae9d01059'] },
  { oa: ['wx8e1097c5bc82cde9', 'gh_3f222ed8d140'], mp: ['wx7720d01d4b2a4500', 'gh_393666f1fdf4'] },
  { oa: ['wx14550af28c71a144', 'gh_26128078e9ab'], mp: ['wx05d483572dcd5d8b', 'gh_39abb5d4e1b7'] },
  { oa: ['wxa35b9c23cfe664eb', 'gh_2b3713f184a6'], mp: ['wx5910277cae6fd970', 'gh_7818dcb60240'] },
];

export function releaseTestAccounts(): SeedAccount[] {
  return RELEASE_TEST_GROUPS.flatMap((group, i) =>
    (['oa', 'mp'] as const).map((kind) => ({
      appid: group[kind][0],
      kind,
      userName: group[kind][1],
      nickName: `Release test ${kind.toUpperCase()} ${i + 1}`,
      principalName: 'WeChat release test',
      funcIds: kind === 'oa' ? [1, 2, 3, 4, 15] : [17, 18, 19],
      users: [{ openid: RELEASE_TEST_OPENID, nickname: 'Release test fan' }],
    })),
  );
}
