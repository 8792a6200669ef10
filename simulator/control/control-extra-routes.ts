import type { ControlHandler } from './control-routes.js';

/** Control routes added with later features (state snapshot, codes, release test, audits). */
export const extraControlRoutes: Record<string, ControlHandler> = {
  'GET /__sim/state': (sim) => ({
    now: sim.now(),
    tickets: sim.state.tickets.all(),
    latestTicket: sim.state.tickets.latest(),
    tokens: sim.state.tokens.all(),
    codes: sim.state.codes.all(),
    authorizations: sim.state.authorizations.all(),
  }),
};
