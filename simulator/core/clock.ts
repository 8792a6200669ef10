/** Simulated wall clock: real time plus an offset, so tests can jump over 2 h token lifetimes. */
export class SimClock {
  private offsetSec = 0;

  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSec;
  }

  advance(seconds: number): number {
    if (!Number.isFinite(seconds)) throw new Error('seconds must be a finite number');
    this.offsetSec += seconds;
    return this.now();
  }
}
