import { ConfigError } from './config/validate-env.js';

const DATABASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'EACCES',
]);

/** One line for a failed start: the variable to fix when we can tell, otherwise the error's kind. */
export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  const code = (err as { code?: unknown })?.code;
  const message = scrub(err instanceof Error ? err.message : String(err));
  if (typeof code === 'string' && DATABASE_CODES.has(code)) {
    return `DATABASE_URL: cannot open the database (${code}: ${message})`;
  }
  if (
    /database|sqlite|mysql|mariadb|migration/i.test(message) ||
    /QueryFailedError|SqliteError/.test((err as Error)?.name ?? '')
  ) {
    return `DATABASE_URL: the database failed (${message})`;
  }
  return `${(err as Error)?.name ?? 'Error'}: ${message}`;
}

/** URLs in driver messages may carry passwords. */
function scrub(s: string): string {
  return s.replace(/\b(mysql|mariadb|rediss?):\/\/\S+/g, '$1://***').split('\n')[0];
}
