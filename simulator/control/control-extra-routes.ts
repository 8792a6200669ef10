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
  'POST /__sim/audit/complete': (sim, body) =>
    sim.completeAudit(String(body.appid), body.success !== false, optional(body.reason)),
};
