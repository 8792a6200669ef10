export interface ReleaseTestOptions {
  /** Which of the five groups of §7.1 (WeChat picks one at random). */
  group: 1 | 2 | 3 | 4 | 5;
  /** oa: permission set 1 checks; mp: set 19 check; all: both. Default 'all'. */
  kind?: 'oa' | 'mp' | 'all';
  /** How long to wait for the `<code>_from_api` customer-service message (§12: no documented number). */
  customSendTimeoutMs?: number;
}

export interface ReleaseTestItem {
  /** Chinese name from the result page (§7.2) plus English, and the account for per-account items. */
  name: string;
  passed: boolean;
  reason?: string;
}

export interface ReleaseTestResult {
  passed: boolean;
  group: number;
  kind: 'oa' | 'mp' | 'all';
  items: ReleaseTestItem[];
}
