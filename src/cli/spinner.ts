import type {Ora} from 'ora'

/**
 * The spinner of every `--wait`: on stderr, at a terminal only (never under --json, CI, a pipe or
 * TERM=dumb: the caller says), with what is awaited, its status at the last poll and the time
 * waited: `⠙ Waiting for container c1 (3f1c…) in RegionOne: Creating (4 s)`. ora is imported on
 * the first update, so commands that never wait do not load it.
 */
export class WaitSpinner {
  private ora: Ora | undefined
  private loading: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined
  private startedAt = 0
  private what = ''
  private status = ''
  /** Bumped by stop(): an ora that finishes loading for an earlier wait is not started. */
  private generation = 0

  constructor(
    private readonly enabled: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  /** What is awaited and its status now; starts the spinner (and its clock) when none runs. */
  update(what: string, status: string): void {
    if (!this.enabled) return
    this.what = what
    this.status = status
    if (!this.startedAt) this.startedAt = this.now()
    if (this.ora) {
      this.ora.text = this.text()
      return
    }
    if (this.loading) return
    const generation = this.generation
    this.loading = import('ora').then(({default: ora}) => {
      this.loading = undefined
      if (generation !== this.generation) return
      // discardStdin off: Ctrl-C must stay a signal for the interrupt handler, and stdin the command's.
      this.ora = ora({text: this.text(), stream: this.stream, discardStdin: false}).start()
      this.timer = setInterval(() => {
        if (this.ora) this.ora.text = this.text()
      }, 1000)
      this.timer.unref()
    })
  }

  /** The line as it is drawn now (without the spinner frame). */
  text(): string {
    const seconds = Math.floor((this.now() - this.startedAt) / 1000)
    return `Waiting for ${this.what}: ${this.status || 'unknown'} (${seconds} s)`
  }

  get running(): boolean {
    return Boolean(this.ora || this.loading)
  }

  /** Clears the line (before anything else is printed, and at the end); the next update starts a new wait. */
  stop(): void {
    this.generation++
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.ora?.stop()
    this.ora = undefined
    this.startedAt = 0
  }

  /** Waits out the lazy import of ora (tests). */
  async ready(): Promise<void> {
    await this.loading
  }
}
