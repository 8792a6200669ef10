import { execFileSync } from 'node:child_process';

/**
 * Tests that start real gateway processes need dist/ up to date with the sources. tsc's incremental
 * build makes a repeat cheap.
 */
export async function buildOnce(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
