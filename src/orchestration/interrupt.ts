/**
 * What a command's work tells its interrupt handler: an AbortSignal the work listens to, what
 * the work has created so far (so that an interrupt can say what exists now and how to remove it),
 * the progress of a multi-item operation, and whether the work undoes its own changes when it is
 * aborted (then the first Ctrl-C lets it do so and a second one stops at once).
 *
 * This is the part below the CLI: the CLI (src/cli/interrupt.ts) installs the signal handlers and
 * prints the report with paste-able commands.
 */

import {MrctlError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'

/** Something that exists because of this command, and the command that removes it. */
export interface Leftover {
  /** `container01 (uuid 3f1c…)`, `load balancer lb1 (id 0b2e…)`. */
  what: string
  /** Where it is (the remove command gets `--os-region-name` for it). */
  region?: string
  /** Its state now, as last seen: `Creating`, `PENDING_CREATE`. */
  state?: string
  /** The mrctl command that removes it, without `mrctl` and the global options: `appcontainer delete --force <uuid>`. */
  remove: string
}

export interface Tracked {
  /** Its state changed (a poll), or its ID became known. */
  update(patch: Partial<Leftover>): void
  forget(): void
}

/** Where a multi-item operation stands. */
export interface ItemsProgress {
  verb: string
  things: string
  done: string[]
  failed: string[]
  /** The item whose request was under way. */
  current?: string
  pending: string[]
}

export class InterruptScope {
  private readonly controller = new AbortController()
  private readonly leftovers = new Set<Leftover>()
  private readonly progresses = new Set<ItemsProgress>()
  private undoing: string | undefined

  /** Aborted at the first interrupt. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  get interrupted(): boolean {
    return this.controller.signal.aborted
  }

  /** Records something created, until it is forgotten (removed, or shown to the user). */
  track(leftover: Leftover): Tracked {
    const entry = {...leftover}
    this.leftovers.add(entry)
    return {
      update: (patch) => Object.assign(entry, patch),
      forget: () => this.leftovers.delete(entry),
    }
  }

  /** Records a multi-item operation; the object is read when the report is printed. */
  follow(progress: ItemsProgress): () => void {
    this.progresses.add(progress)
    return () => this.progresses.delete(progress)
  }

  /**
   * Says that the work undoes its changes when aborted (`deleting image 3f1c…`): the first
   * interrupt then waits for it. The returned function ends that promise.
   */
  undoesOnAbort(what: string): () => void {
    this.undoing = what
    return () => {
      if (this.undoing === what) this.undoing = undefined
    }
  }

  /** What the work is undoing, when it undoes something on abort. */
  get undoingWhat(): string | undefined {
    return this.undoing
  }

  abort(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new InterruptedError())
  }

  report(): {leftovers: Leftover[]; progress: ItemsProgress[]} {
    return {leftovers: [...this.leftovers], progress: [...this.progresses]}
  }
}

/** The reason of an interrupted signal; exit code 130. */
export class InterruptedError extends MrctlError {
  constructor(message = 'interrupted') {
    super(message, {exitCode: ExitCode.Interrupted, code: 'Interrupted'})
  }
}
