import { SimClock } from './core/clock.js';
import { SimMsgCrypt } from './crypto/msg-crypt.js';
import { CallRecorder } from './http/recorder.js';
import { FaultInjector } from './http/faults.js';
import type { HostName, ResolvedOptions } from './options.js';
import { PushLog } from './push/push-log.js';
import { SimState } from './state/sim-state.js';

/** The shared internals handed to routes, pages, pushers and the control API. */
export class SimContext {
  readonly clock = new SimClock();
  readonly state: SimState;
  readonly recorder = new CallRecorder();
  readonly faults = new FaultInjector();
  readonly pushLog = new PushLog();
  readonly crypt: SimMsgCrypt;
  readonly urls: Record<HostName, string> = { api: '', api2: '', mp: '', open: '' };
  /** Paths the API host serves (openapi/quota/get answers 76021 for others). */
  readonly routePaths = new Set<string>();
  /** Wired by WechatSimulator: api_start_push_ticket pushes a ticket shortly after answering. */
  pushTicketSoon: () => void = () => undefined;

  constructor(readonly options: ResolvedOptions) {
    this.state = new SimState(this.clock, options);
    const { token, encodingAesKey, appId } = options.component;
    this.crypt = new SimMsgCrypt({ token, encodingAesKey, appId });
  }

  get componentAppId(): string {
    return this.options.component.appId;
  }

  log(message: string): void {
    if (!this.options.quiet) console.log(`[wechat-sim] ${message}`);
  }
}
