import {type ExecContext, runShellLine, type TtySize} from './backend/exec.js'

/**
 * The terminal behind an attach or interactive exec session (wsproxy.ts): the pty's line
 * discipline, and the tiny interactive shell that answers the commands of exec.ts.
 */

/** What runs behind the terminal: it gets complete lines, Ctrl-C and end of file. */
export interface TtyProcess {
  line(text: string): void
  interrupt(): void
  eof(): void
}

/** A process that reads nothing (`sleep`, a server, a script): input is only echoed by the tty. */
export const DEAF_PROCESS: TtyProcess = {line() {}, interrupt() {}, eof() {}}

/**
 * A pty in canonical mode with ECHO, ECHOCTL, ICRNL and ONLCR, as Docker gives a container
 * created with a tty:
 * - typed characters are echoed; CR or LF ends the line (echoed as "\r\n") and hands it over;
 * - DEL or BS erases one character ("\b \b"), Ctrl-U the whole line;
 * - Ctrl-C echoes "^C", drops the line and interrupts the process; Ctrl-D on an empty line is
 *   end of file (elsewhere it is ignored);
 * - escape sequences (arrow keys…) and other control characters are dropped (no line editing).
 */
export class LineDiscipline {
  private buf = ''
  private esc: 'none' | 'esc' | 'seq' = 'none'

  constructor(
    private readonly echo: (text: string) => void,
    private readonly proc: TtyProcess,
    /** False once the process is gone: the rest of the input is dropped. */
    private readonly alive: () => boolean,
  ) {}

  input(data: string): void {
    for (const ch of data) {
      if (!this.alive()) return
      if (this.esc !== 'none') {
        this.escape(ch)
        continue
      }
      switch (ch) {
        case '\r':
        case '\n': {
          const line = this.buf
          this.buf = ''
          this.echo('\r\n')
          this.proc.line(line)
          break
        }
        case '\x7f':
        case '\b':
          if (this.buf) {
            this.buf = [...this.buf].slice(0, -1).join('')
            this.echo('\b \b')
          }
          break
        case '\x15':
          this.echo('\b \b'.repeat([...this.buf].length))
          this.buf = ''
          break
        case '\x03':
          this.buf = ''
          this.echo('^C')
          this.proc.interrupt()
          break
        case '\x04':
          if (!this.buf) this.proc.eof()
          break
        case '\x1b':
          this.esc = 'esc'
          break
        default:
          if (ch < ' ' && ch !== '\t') break
          this.buf += ch
          this.echo(ch)
      }
    }
  }

  /** ESC [ … final, ESC O x, or ESC x: dropped. */
  private escape(ch: string): void {
    if (this.esc === 'esc') {
      this.esc = ch === '[' || ch === 'O' ? 'seq' : 'none'
      return
    }
    if (ch >= '@' && ch <= '~') this.esc = 'none'
  }
}

/** A shell command line that starts an interactive shell (no `-c`), or none (the image's default). */
export function isInteractiveShell(argv: string[]): boolean {
  if (argv.length === 0) return true
  const name = argv[0].replace(/^.*\//, '')
  return ['sh', 'ash', 'bash', 'dash'].includes(name) && !argv.slice(1).some((a) => a === '-c' || /^-[a-z]*c/.test(a))
}

/**
 * The emulated interactive shell: busybox ash's prompt (`/ # `, the workdir in place of `/`) or
 * bash's (`root@<hostname>:/# `), each line run by exec.ts `runShellLine` (`$?` carried over);
 * `exit [n]` or Ctrl-D ends it, Ctrl-C sets `$?` to 130 and prompts again.
 */
export class EmulatedShell implements TtyProcess {
  private lastCode = 0
  private done = false

  constructor(
    private readonly flavor: 'ash' | 'bash',
    private readonly env: {ctx: () => ExecContext; size: () => TtySize | undefined},
    private readonly out: (text: string) => void,
    private readonly onExit: (code: number) => void,
  ) {}

  static forArgv(argv: string[], env: EmulatedShell['env'], out: (t: string) => void, onExit: (code: number) => void): EmulatedShell {
    const flavor = argv.length && argv[0].replace(/^.*\//, '') === 'bash' ? 'bash' : 'ash'
    return new EmulatedShell(flavor, env, out, onExit)
  }

  get exited(): boolean {
    return this.done
  }

  prompt(): string {
    const ctx = this.env.ctx()
    const cwd = ctx.workdir || '/'
    return this.flavor === 'bash' ? `root@${ctx.hostname}:${cwd}# ` : `${cwd} # `
  }

  /** Prints the first prompt (an exec starts the shell now; an attached shell printed it before). */
  start(): void {
    this.out(this.prompt())
  }

  line(text: string): void {
    if (this.done) return
    if (text.trim() === '') {
      this.out(this.prompt())
      return
    }
    const r = runShellLine(text, this.env.ctx(), this.lastCode, this.env.size() ?? null)
    this.lastCode = r.exitCode
    if (r.output) this.out(r.output)
    if (r.exited) this.exit(r.exitCode)
    else this.out(this.prompt())
  }

  interrupt(): void {
    if (this.done) return
    this.lastCode = 130
    this.out(`\r\n${this.prompt()}`)
  }

  eof(): void {
    if (this.done) return
    this.exit(this.lastCode)
  }

  private exit(code: number): void {
    if (this.flavor === 'bash') this.out('exit\n')
    this.done = true
    this.onExit(code)
  }
}

/** ONLCR: a process's "\n" reaches the terminal as "\r\n". */
export function onlcr(text: string): string {
  return text.replace(/(?<!\r)\n/g, '\r\n')
}
