export type WechatTransportErrorKind = 'timeout' | 'connection' | 'http_status';

export interface WechatTransportErrorDetails {
  kind: WechatTransportErrorKind;
  /** Endpoint path, without the query string. */
  path: string;
  /** Host names tried, in order (no scheme, path or query). */
  hosts: string[];
  /** HTTP status, for kind 'http_status'. */
  status?: number;
  /** Low-level code of the last failure (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, TIMEOUT…), never a message. */
  causeCode?: string;
  /** The per-attempt timeout in force, for kind 'timeout'. */
  timeoutMs?: number;
}

function describe(d: WechatTransportErrorDetails): string {
  const hosts = d.hosts.join(', ');
  switch (d.kind) {
    case 'timeout':
      return `WeChat did not answer ${d.path} within ${d.timeoutMs ?? '?'} ms (${d.causeCode ?? 'timeout'}; tried ${hosts})`;
    case 'connection':
      return `could not reach WeChat for ${d.path} (${d.causeCode ?? 'connection error'}; tried ${hosts})`;
    case 'http_status':
      return `WeChat answered HTTP ${d.status ?? '?'} on ${d.path} (tried ${hosts})`;
  }
}

/**
 * WeChat could not be reached, or answered with an HTTP error, after every host and retry allowed.
 * Nest-facing code maps kind 'timeout' to 504 and the others to 502.
 */
export class WechatTransportError extends Error {
  readonly kind: WechatTransportErrorKind;
  readonly path: string;
  readonly hosts: string[];
  readonly status?: number;
  readonly causeCode?: string;

  constructor(details: WechatTransportErrorDetails) {
    super(describe(details));
    this.name = 'WechatTransportError';
    this.kind = details.kind;
    this.path = details.path;
    this.hosts = [...details.hosts];
    this.status = details.status;
    this.causeCode = details.causeCode;
  }
}
