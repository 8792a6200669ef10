import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context.js';
import { errmsgFor } from '../core/wx-error.js';
import type { ActiveFault } from './faults.js';
import { sendJson, sleep } from './io.js';
import type { RecordedCall } from './recorder.js';

export type CallBase = Omit<RecordedCall, 'id' | 'status' | 'errcode'>;

/**
 * Applies a fault taken for this request. Returns true when the fault answered the request itself
 * (errcode, 5xx, reset); a latency fault only delays it and returns false.
 */
export async function applyFault(
  ctx: SimContext,
  fault: ActiveFault,
  base: CallBase,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (fault.kind === 'latency') {
    base.fault = `latency ${fault.latencyMs ?? 1000}ms`;
    await sleep(fault.latencyMs ?? 1000);
    return false;
  }
  if (fault.kind === 'reset') {
    ctx.recorder.record({ ...base, status: 0, fault: 'reset' });
    req.socket.destroy();
    return true;
  }
  if (fault.kind === 'http5xx') {
    const status = fault.status ?? 502;
    ctx.recorder.record({ ...base, status, fault: `http ${status}` });
    res.writeHead(status, { 'Content-Type': 'text/html' });
    res.end(`<html><body><h1>${status}</h1>simulated upstream failure</body></html>`);
    return true;
  }
  const errcode = fault.errcode ?? -1;
  ctx.recorder.record({ ...base, status: 200, errcode, fault: `errcode ${errcode}` });
  sendJson(res, 200, { errcode, errmsg: errmsgFor(errcode) });
  return true;
}
