import type {Interfaces} from '@oclif/core'
import type {FormatOptions, ListFormat, ShowFormat} from '../output/index.js'
import type {Session} from '../auth/session.js'
import type {PasteContext} from './paste.js'

import {Command} from '@oclif/core'

import {ExitCode} from '../core/exit-codes.js'
import {MrctlError} from '../core/errors.js'
import {scrub, scrubDeep} from '../http/redact.js'
import {InterruptedError, InterruptScope} from '../orchestration/interrupt.js'
import {GLOBAL_HELP_GROUPS} from './argv.js'
import {errorEnvelope, exitCodeFor, successEnvelope} from './envelope.js'
import {commonFlags} from './flags.js'
import {installInterruptHandler, reportData, reportLines} from './interrupt.js'
import {SECRET_OPTIONS, withUserOptions} from './paste.js'
import {WaitSpinner} from './spinner.js'
import {canAnimate} from './tty.js'
import {usageMessage} from './usage.js'

export type InferredFlags<B, T extends typeof Command> = Interfaces.InferredFlags<B & T['flags']>
export type InferredArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/** Per-column display formatters, used by the table format only (OSC's FormattableColumn). */
export type HumanFormatters = Record<string, (value: unknown) => string>

/**
 * The contract of every mrctl command: `run()` returns its result and prints only through
 * `printList`/`printShow`/`log`; `--json` wraps the result in `{status, result, warnings}`;
 * every error goes through one `catch` that picks the exit code and prints a readable message.
 */
export abstract class MrctlCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {...commonFlags}

  protected flags!: InferredFlags<typeof MrctlCommand.baseFlags, T>
  protected args!: InferredArgs<T>
  /** Every positional argument as parsed (with `static strict = false`: the variadic ones too). */
  private positionals: string[] = []
  protected readonly warnings: string[] = []
  /** Values that must never be printed (passwords, tokens), scrubbed from error messages. */
  protected readonly secrets: Array<string | undefined> = []
  /** The signal the command's work listens to, and what it created so far (src/cli/interrupt.ts). */
  protected readonly interrupt = new InterruptScope()
  /** The `--wait` spinner (stderr, terminal only). */
  protected spinner = new WaitSpinner(false)
  /** For waits: what is awaited and its status at each poll (drawn by the spinner). */
  protected readonly progress = (what: string, status: string): void => this.spinner.update(what, status)
  private disposeInterrupt?: () => void

  override async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as typeof MrctlCommand
    // oclif reads stdin for a missing argument; stdin belongs to the command (exec, attach, files).
    for (const arg of Object.values(ctor.args ?? {})) (arg as {ignoreStdin?: boolean}).ignoreStdin = true
    const {args, argv, flags} = await this.parse({
      flags: ctor.flags,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      args: ctor.args,
      strict: ctor.strict,
    })
    this.flags = flags as never
    this.args = args as never
    this.positionals = argv.map(String)
    this.spinner = new WaitSpinner(canAnimate(this.jsonEnabled()))
    this.disposeInterrupt = installInterruptHandler(this.interrupt, {
      quiet: () => this.spinner.stop(),
      note: (line) => process.stderr.write(`\n${line}\n`),
      print: (report) => {
        if (this.jsonEnabled()) {
          process.stdout.write(`${JSON.stringify(this.toErrorJson(new InterruptedError()))}\n`)
        } else {
          const lines = reportLines(report, this.pasteContext(), this.id ?? '')
          process.stderr.write(`\n${['Interrupted.', ...lines].map((l) => scrub(l, this.secrets)).join('\n')}\n`)
        }
      },
      exit: (code) => process.exit(code),
    })
  }

  override async finally(err: Error | undefined): Promise<unknown> {
    this.spinner.stop()
    this.disposeInterrupt?.()
    return super.finally(err)
  }

  override warn(input: string | Error): string | Error {
    const text = scrub(typeof input === 'string' ? input : input.message, this.secrets)
    this.warnings.push(text)
    this.spinner.stop()
    process.stderr.write(`Warning: ${text}\n`)
    return input
  }

  override logToStderr(...args: unknown[]): void {
    this.spinner.stop()
    super.logToStderr(...(args as [string]))
  }

  /**
   * Where pasted commands go: the cloud options the user gave by flag (never a secret), and each
   * command's flags, so that an option the pasted command does not take is left out.
   */
  protected pasteContext(): PasteContext {
    const ctor = this.ctor as typeof MrctlCommand
    const defs = {...ctor.baseFlags, ...ctor.flags} as Record<string, {helpGroup?: string}>
    const given = (this.flags ?? {}) as Record<string, unknown>
    const options: PasteContext['options'] = []
    for (const [name, def] of Object.entries(defs)) {
      const value = given[name]
      if (!def?.helpGroup?.startsWith(GLOBAL_HELP_GROUPS[1]) || SECRET_OPTIONS.has(name)) continue
      if (value === undefined || value === false || value === '') continue
      options.push([name, value === true ? true : String(value)])
    }
    return {bin: this.config.bin, options, flagsOf: (id) => this.config.findCommand(id)?.flags}
  }

  protected override toSuccessJson(result: unknown): unknown {
    return scrubDeep(successEnvelope(result, Number(process.exitCode ?? 0), this.warnings), this.secrets)
  }

  protected override toErrorJson(err: unknown): unknown {
    const paste = this.pasteContext()
    const interrupted = exitCodeFor(err) === ExitCode.Interrupted
    const envelope = errorEnvelope(err, {
      warnings: this.warnings,
      debug: this.debugEnabled(),
      action: (a) => withUserOptions(paste, a),
      extraData: interrupted ? (reportData(this.interrupt.report(), paste) as object) : undefined,
    })
    return scrubDeep(envelope, this.secrets)
  }

  override async catch(err: Error & {oclif?: {exit?: number}; code?: string}): Promise<unknown> {
    if (err.code === 'EEXIT') throw err
    this.spinner.stop()
    const code = this.interrupt.interrupted ? ExitCode.Interrupted : exitCodeFor(err)
    if (this.jsonEnabled()) {
      process.stdout.write(`${JSON.stringify(this.toErrorJson(Object.assign(err, code === ExitCode.Interrupted ? {exitCode: code} : {})))}\n`)
    } else {
      const e = err as MrctlError
      const paste = this.pasteContext()
      let text = code === ExitCode.Interrupted && e.message === 'interrupted' ? 'Interrupted.' : scrub(e.message, this.secrets)
      let actions = e.actions ?? []
      if (code === ExitCode.Usage && !(err instanceof MrctlError)) {
        const ctor = this.ctor as typeof MrctlCommand
        const usage = usageMessage(err as Error & {flags?: unknown}, {...ctor.baseFlags, ...ctor.flags})
        text = scrub(usage.message, this.secrets)
        actions = [...usage.actions, ...actions]
      }
      // Interrupted: what still exists, each with the command that removes it.
      const left = code === ExitCode.Interrupted ? reportLines(this.interrupt.report(), paste, this.id ?? '') : []
      const hints = [...left, ...actions.map((a) => withUserOptions(paste, a))].map((a) => `  ${scrub(a, this.secrets)}`)
      if (code === ExitCode.Usage) hints.push(`  see: ${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')} --help`.replace(/ +--help/, ' --help'))
      process.stderr.write(`${[text, ...hints].join('\n')}\n`)
      const full = (err as {fullDetail?: string}).fullDetail
      if (this.debugEnabled() && full) process.stderr.write(`The server's message in full:\n${scrub(full, this.secrets)}\n`)
      if (this.debugEnabled() && err.stack) process.stderr.write(`${scrub(err.stack, this.secrets)}\n`)
    }
    this.exit(code)
  }

  /** One stderr warning per failed region (with its hints); exit code 3 when some regions failed. */
  protected reportRegionFailures(failures: Array<{region: string; error: Error}>): void {
    for (const {region, error} of failures) {
      const actions = (error as MrctlError).actions ?? []
      this.warn(`${region}: ${error.message}${actions.length ? ` (${actions.join('; ')})` : ''}`)
    }
    if (failures.length) process.exitCode = ExitCode.Partial
  }

  /**
   * The values of a variadic argument (argparse's `nargs='+'`: `network delete <network>
   * [<network> ...]`): every positional, for a command declaring `static strict = false` and its
   * first argument required.
   */
  protected variadicArgs(): string[] {
    return this.positionals
  }

  protected debugEnabled(): boolean {
    return Boolean((this.flags as {debug?: boolean} | undefined)?.debug)
  }

  /** Renders a list as `openstack` would, and returns what `--json` puts in `result`. */
  protected async printList(
    headers: string[],
    unscrubbed: unknown[][],
    human?: HumanFormatters,
  ): Promise<Array<Record<string, unknown>>> {
    const {renderList} = await import('../output/index.js')
    this.spinner.stop()
    const rows = scrubDeep(unscrubbed, this.secrets) as unknown[][]
    const f = this.flags as unknown as OutputFlagValues
    const opts = this.formatOptions(f, human)
    const asJson = JSON.parse(renderList(headers, rows, 'json', {...opts, onWarning: undefined})) as Array<Record<string, unknown>>
    if (!this.jsonEnabled()) process.stdout.write(renderList(headers, rows, (f.format ?? 'table') as ListFormat, opts))
    else if (opts.sortColumns?.length) renderList(headers, rows, 'json', opts)
    return asJson
  }

  /** Renders one object as `openstack … show` would, and returns what `--json` puts in `result`. */
  protected async printShow(fields: string[], unscrubbed: unknown[], human?: HumanFormatters): Promise<Record<string, unknown>> {
    const {renderShow} = await import('../output/index.js')
    this.spinner.stop()
    const values = scrubDeep(unscrubbed, this.secrets) as unknown[]
    const f = this.flags as unknown as OutputFlagValues
    const opts = this.formatOptions(f, human)
    const asJson = JSON.parse(renderShow(fields, values, 'json', opts)) as Record<string, unknown>
    if (!this.jsonEnabled()) process.stdout.write(renderShow(fields, values, (f.format ?? 'table') as ShowFormat, opts))
    return asJson
  }

  /** A line for people (stdout), silent under --json. */
  protected say(line: string): void {
    this.spinner.stop()
    if (!this.jsonEnabled()) process.stdout.write(`${scrub(line, this.secrets)}\n`)
  }

  private formatOptions(f: OutputFlagValues, human?: HumanFormatters): FormatOptions {
    const env = process.env
    return {
      columns: f.column,
      noindent: f.noindent,
      maxWidth: f['max-width'] ?? (env.CLIFF_MAX_TERM_WIDTH ? Number(env.CLIFF_MAX_TERM_WIDTH) : undefined),
      fitWidth: f['fit-width'] || env.CLIFF_FIT_WIDTH === '1',
      terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
      quote: f.quote as FormatOptions['quote'],
      prefix: f.prefix,
      printEmpty: f['print-empty'],
      sortColumns: f['sort-column'],
      sortDescending: f['sort-descending'],
      human,
      onWarning: (m) => this.warn(m),
    }
  }
}

interface OutputFlagValues {
  format?: string
  column?: string[]
  noindent?: boolean
  'max-width'?: number
  'fit-width'?: boolean
  quote?: string
  prefix?: string
  'print-empty'?: boolean
  'sort-column'?: string[]
  'sort-descending'?: boolean
}

export type {Session}
