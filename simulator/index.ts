export { WechatSimulator } from './wechat-simulator.js';
export type {
  AccountKind,
  ComponentCredentials,
  DirectAccount,
  HostName,
  RuntimeConfig,
  SeedAccount,
  SimUser,
  SimulatorOptions,
} from './options.js';
export { DEFAULT_COMPONENT, DEFAULT_SEED_ACCOUNTS, RELEASE_TEST_GROUPS, RELEASE_TEST_OPENID } from './seed-data.js';
export type { FaultSpec, FaultKind, ActiveFault } from './http/faults.js';
export type { RecordedCall, CallFilter, EndpointCounter } from './http/recorder.js';
export type { PushRecord, PushMode, ReplyCheck } from './push/push-log.js';
export type { AuthorizeResult } from './flows/authorization-flow.js';
export { SimMsgCrypt } from './crypto/msg-crypt.js';
export type { ReleaseTestOptions, ReleaseTestResult, ReleaseTestItem } from './release-test/types.js';
