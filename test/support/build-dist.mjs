// Tests that start real gateway processes run dist/; tsc's incremental build makes a repeat cheap.
import { execFileSync } from 'node:child_process';

export function buildDist() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
