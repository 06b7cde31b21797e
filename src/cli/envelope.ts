import {MrctlError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'

/** What `--json` prints on success (sf's `toSuccessJson`): the status is the exit code (3: some regions or items failed). */
export interface SuccessEnvelope {
  status: number
  result: unknown
  warnings: string[]
}

/** What `--json` prints on failure: never a stack unless --debug. */
export interface ErrorEnvelope {
  status: number
  name: string
  message: string
  code: string
  actions: string[]
  data?: unknown
  stack?: string
  warnings: string[]
}

/** One place decides the exit code (sf's computeErrorCode). */
export function exitCodeFor(err: unknown): number {
  if (err instanceof MrctlError) return err.exitCode
  const e = err as {exitCode?: unknown; oclif?: {exit?: number}; name?: string; parse?: unknown}
  // Every oclif parse error (unknown flag, bad choice, missing argument…) is a usage error.
  if (e?.parse !== undefined) return ExitCode.Usage
  if (typeof e?.oclif?.exit === 'number') return e.oclif.exit
  if (typeof e?.exitCode === 'number') return e.exitCode
  if (e?.name === 'ExitPromptError' || e?.name === 'AbortPromptError') return ExitCode.Interrupted
  return ExitCode.Error
}

export function successEnvelope(result: unknown, status: number, warnings: string[]): SuccessEnvelope {
  return {status, result, warnings}
}

/**
 * The error envelope: `status` (the exit code), `name`, `message`, `code`, `actions` (each passed
 * through `action`, which adds the user's cloud options to a pasted command), `data` when there is
 * some (merged with `extraData`), the stack under --debug only, and the warnings so far.
 */
export function errorEnvelope(
  err: unknown,
  opts: {warnings: string[]; debug?: boolean; action?: (a: string) => string; extraData?: object},
): ErrorEnvelope {
  const e = err as Partial<MrctlError> & {stack?: string}
  const data = opts.extraData ? {...(e.data as object | undefined), ...opts.extraData} : e.data
  return {
    status: exitCodeFor(err),
    name: e.name ?? 'Error',
    message: e.message ?? String(err),
    code: e.code ?? e.name ?? 'Error',
    actions: (e.actions ?? []).map((a) => (opts.action ? opts.action(a) : a)),
    ...(data === undefined ? {} : {data}),
    ...(opts.debug && e.stack ? {stack: e.stack} : {}),
    warnings: opts.warnings,
  }
}
