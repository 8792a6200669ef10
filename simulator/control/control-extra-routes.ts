import type { ReleaseTestOptions } from '../release-test/types.js';
import type { ControlHandler } from './control-routes.js';

const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Control routes for state snapshots, codes, audits and the release test. */
export const extraControlRoutes: Record<string, ControlHandler> = {
  'GET /__sim/state': (sim) => ({
    now: sim.now(),
    tickets: sim.state.tickets.all(),
    latestTicket: sim.state.tickets.latest(),
    tokens: sim.state.tokens.all(),
    codes: sim.state.codes.all(),
    authorizations: sim.state.authorizations.all(),
  }),
  'POST /__sim/codes/oauth': (sim, body) => ({
    code: sim.issueOAuthCode(String(body.appid), optional(body.openid), optional(body.scope)),
  }),
  'POST /__sim/codes/jscode': (sim, body) => ({ code: sim.issueJsCode(String(body.appid), optional(body.openid)) }),
  'POST /__sim/release-test': (sim, body) =>
    sim.runReleaseTest({
      group: Number(body.group ?? 1) as ReleaseTestOptions['group'],
      kind: (optional(body.kind) ?? 'all') as ReleaseTestOptions['kind'],
      customSendTimeoutMs: body.customSendTimeoutMs === undefined ? undefined : Number(body.customSendTimeoutMs),
    }),
  'POST /__sim/audit/complete': (sim, body) =>
    sim.completeAudit(String(body.appid), body.success !== false, optional(body.reason)),
};
