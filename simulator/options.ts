import { DEFAULT_COMPONENT, DEFAULT_DIRECT_ACCOUNTS, DEFAULT_SEED_ACCOUNTS } from './seed-data.js';

export type HostName = 'api' | 'api2' | 'mp' | 'open';
export type AccountKind = 'oa' | 'mp';

export interface ComponentCredentials {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey: string;
}

export interface SimUser {
  openid: string;
  nickname: string;
  unionid?: string;
}

export interface SeedAccount {
  appid: string;
  kind: AccountKind;
  /** Original id, `gh_` + 12 chars: the ToUserName of pushes. */
  userName: string;
  nickName: string;
  principalName: string;
  /** Permission sets the owner grants by default on the authorization page. */
  funcIds: number[];
  users: SimUser[];
}

export interface DirectAccount {
  appid: string;
  secret: string;
  kind?: AccountKind;
}

export interface SimulatorOptions {
  component?: Partial<ComponentCredentials>;
  eventUrl?: string;
  messageUrlTemplate?: string;
  initiationDomain?: string;
  ticketIntervalMs?: number;
  pushTicketOnStart?: boolean;
  seedAccounts?: SeedAccount[];
  directAccounts?: DirectAccount[];
  rotateRefreshTokens?: boolean;
  ipAllowList?: string[];
  pushTimeoutMs?: number;
  pushResends?: number;
  preAuthCodeTtlSec?: number;
  authCodeTtlSec?: number;
  tokenTtlSec?: number;
  overlapSec?: number;
  pushAfterRedirect?: boolean;
  quiet?: boolean;
  ports?: Partial<Record<HostName, number>>;
}

/** What can be changed after start (the gateway's URLs are only known once it listens). */
export type RuntimeConfig = Pick<
  SimulatorOptions,
  | 'eventUrl'
  | 'messageUrlTemplate'
  | 'initiationDomain'
  | 'ticketIntervalMs'
  | 'rotateRefreshTokens'
  | 'ipAllowList'
  | 'pushTimeoutMs'
  | 'pushResends'
  | 'pushAfterRedirect'
  | 'quiet'
>;

export interface ResolvedOptions {
  component: ComponentCredentials;
  eventUrl?: string;
  messageUrlTemplate?: string;
  initiationDomain?: string;
  ticketIntervalMs: number;
  pushTicketOnStart: boolean;
  seedAccounts: SeedAccount[];
  directAccounts: DirectAccount[];
  rotateRefreshTokens: boolean;
  ipAllowList?: string[];
  pushTimeoutMs: number;
  pushResends: number;
  preAuthCodeTtlSec: number;
  authCodeTtlSec: number;
  tokenTtlSec: number;
  overlapSec: number;
  pushAfterRedirect: boolean;
  quiet: boolean;
  ports: Partial<Record<HostName, number>>;
}

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedOptions {
  return {
    component: { ...DEFAULT_COMPONENT, ...opts.component },
    eventUrl: opts.eventUrl,
    messageUrlTemplate: opts.messageUrlTemplate,
    initiationDomain: opts.initiationDomain,
    ticketIntervalMs: opts.ticketIntervalMs ?? 600_000,
    pushTicketOnStart: opts.pushTicketOnStart ?? opts.eventUrl !== undefined,
    seedAccounts: opts.seedAccounts ?? DEFAULT_SEED_ACCOUNTS,
    directAccounts: opts.directAccounts ?? DEFAULT_DIRECT_ACCOUNTS,
    rotateRefreshTokens: opts.rotateRefreshTokens ?? false,
    ipAllowList: opts.ipAllowList,
    pushTimeoutMs: opts.pushTimeoutMs ?? 5000,
    pushResends: opts.pushResends ?? 2,
    preAuthCodeTtlSec: opts.preAuthCodeTtlSec ?? 1800,
    authCodeTtlSec: opts.authCodeTtlSec ?? 3600,
    tokenTtlSec: opts.tokenTtlSec ?? 7200,
    overlapSec: opts.overlapSec ?? 300,
    pushAfterRedirect: opts.pushAfterRedirect ?? false,
    quiet: opts.quiet ?? false,
    ports: opts.ports ?? {},
  };
}

const RUNTIME_KEYS: (keyof RuntimeConfig)[] = [
  'eventUrl',
  'messageUrlTemplate',
  'initiationDomain',
  'ticketIntervalMs',
  'rotateRefreshTokens',
  'ipAllowList',
  'pushTimeoutMs',
  'pushResends',
  'pushAfterRedirect',
  'quiet',
];

/** Copies only the known runtime keys, so a control-API body cannot smuggle in anything else. */
export function applyRuntimeConfig(target: ResolvedOptions, patch: Record<string, unknown>): void {
  const writable = target as unknown as Record<string, unknown>;
  for (const key of RUNTIME_KEYS) {
    if (key in patch) writable[key] = patch[key] ?? undefined;
  }
}
