/**
 * The simulator's time. Every transition a service shows (Octavia PENDING_* → ACTIVE, a Glance
 * import, Zun statuses, Tricircle jobs) is scheduled as a duration from this clock and computed
 * when a resource is read, so nothing runs in the background:
 * - `immediate`: every duration is 0 (the next read shows the end state);
 * - `realistic`: the durations the real services show, divided by `speed`; time is the wall clock;
 * - `manual`: realistic durations, but time stands still until `tick(seconds)` moves it.
 */
export type TimeMode = 'immediate' | 'realistic' | 'manual'
export const TIME_MODES: TimeMode[] = ['immediate', 'realistic', 'manual']

export interface ClockState {
  mode: TimeMode
  speed: number
  /** Manual mode: the virtual time in ms since the epoch. */
  virtual: number
}

export class SimClock {
  mode: TimeMode
  speed: number
  private virtual: number

  constructor(opts: {mode?: TimeMode; speed?: number; start?: number} = {}) {
    this.mode = opts.mode ?? 'realistic'
    this.speed = opts.speed ?? 1
    if (!(this.speed > 0)) throw new Error(`speed must be a positive number, not ${opts.speed}`)
    this.virtual = opts.start ?? Date.now()
  }

  nowMs(): number {
    return this.mode === 'manual' ? this.virtual : Date.now()
  }

  now(): Date {
    return new Date(this.nowMs())
  }

  /** A real service's duration (ms) as this clock runs it. */
  duration(realisticMs: number): number {
    if (this.mode === 'immediate') return 0
    if (this.mode === 'manual') return realisticMs
    return realisticMs / this.speed
  }

  /** Moves manual time on; in the other modes time cannot be moved and this says so. */
  tick(seconds: number): number {
    if (this.mode !== 'manual') throw new Error(`the clock is ${this.mode}: only a --time manual simulator can be ticked`)
    if (!(seconds >= 0)) throw new Error(`cannot tick by ${seconds} s`)
    this.virtual += seconds * 1000
    return this.virtual
  }

  toJSON(): ClockState {
    return {mode: this.mode, speed: this.speed, virtual: this.virtual}
  }
}
