/**
 * The commands the emulator can "run" inside a container, for `execute` and for a container's
 * main command (its logs and exit). There is no real process: each command is computed from the
 * container's state.
 *
 * Supported commands (a leading `/bin/`, `/usr/bin/`, `/sbin/` or `/usr/sbin/` is ignored):
 *
 * | command                         | output / exit code                                              |
 * |---------------------------------|-----------------------------------------------------------------|
 * | `echo [-n] [words…]`            | the words joined by spaces, then a newline (none with `-n`); 0  |
 * | `hostname`                      | the container's hostname; 0                                     |
 * | `cat <file>…`                   | the file: `/etc/hostname`, `/etc/hosts`, files injected by a    |
 * |                                 | bind mount or `put_archive`; busybox's error and 1 if missing   |
 * | `env`, `printenv`               | PATH, HOSTNAME, the container's environment, HOME; 0            |
 * | `ip [-4\|-6] addr\|a [show]`      | `lo` and one `ethN` per fixed IP of the container's ports; 0    |
 * | `true` / `false`                | no output; 0 / 1                                                |
 * | `pwd`                           | the workdir (`/` by default); 0                                 |
 * | `sleep <seconds>\|infinity`      | no output; 0 (as a main command it keeps the container running) |
 * | `exit [n]`                      | stops a script with code n (default: the last code)             |
 * | `stty size`                     | interactive sessions only (wsproxy.ts): "<rows> <cols>" as the  |
 * |                                 | last resize/execute_resize set them ("0 0" before any); 0       |
 * | `sh\|bash -c '<script>'`         | the script: commands joined by `;`, `&&`, `\|\|` or newlines, with  |
 * |                                 | `$VAR`, `${VAR}` and `$?` expanded and the redirections `>&2`,  |
 * |                                 | `2>&1`, `>/dev/null`, `2>/dev/null`; an unknown command inside  |
 * |                                 | a script prints `sh: <cmd>: not found` and sets 127             |
 *
 * Anything else is not emulated: `execute` answers exit code 127 and an output that says so and
 * lists the commands above. As a container's main command, an unknown command (a server such as
 * `nginx`, or no command at all: the image's default) is treated as a long-running process.
 */

export interface ExecInterface {
  addr: string
  version: 4 | 6
  prefixLen: number
  mac: string
}

export interface ExecContext {
  hostname: string
  environment: Record<string, string>
  workdir: string | null
  /** One entry per fixed IP of the container's ports, in port order. */
  interfaces: ExecInterface[]
  /** Files visible to `cat`, by absolute path. */
  files: ReadonlyMap<string, Buffer>
}

/** Output produced `atSec` seconds after the command started (after the `sleep`s before it). */
export interface OutputSegment {
  atSec: number
  text: string
  stream: 'stdout' | 'stderr'
}

export interface ExecResult {
  /** False when the command (at top level) is not one the emulator knows. */
  supported: boolean
  output: string
  exitCode: number
  segments: OutputSegment[]
  /** How long the command runs: the sum of its `sleep`s; Infinity for `sleep infinity`. */
  durationSec: number
}

export const SUPPORTED_COMMANDS = [
  'echo',
  'hostname',
  'cat',
  'env',
  'printenv',
  'ip',
  'true',
  'false',
  'pwd',
  'sleep',
  'exit',
  'sh -c',
] as const

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** The terminal size of an interactive session (`stty size`). */
export interface TtySize {
  rows: number
  cols: number
}

/** What one line typed at an interactive shell did. */
export interface ShellLineResult {
  output: string
  exitCode: number
  /** True when the line ran `exit` (at top level, not inside a nested `sh -c`): the shell ends. */
  exited: boolean
}

/**
 * Runs one line typed at the emulated interactive shell of an attach or exec session (wsproxy.ts):
 * the same commands and script syntax as `sh -c`, with `$?` carried over from the previous line,
 * plus `stty size`. Never throws.
 */
export function runShellLine(line: string, ctx: ExecContext, lastCode: number, tty: TtySize | null): ShellLineResult {
  const state = new RunState(ctx, lastCode, tty ?? {rows: 0, cols: 0})
  state.runScript(line)
  const r = state.result()
  return {output: r.output, exitCode: r.exitCode, exited: state.exited}
}

/** Runs an argv. Never throws. */
export function runCommand(argv: string[], ctx: ExecContext): ExecResult {
  const state = new RunState(ctx)
  const name = baseName(argv[0] ?? '')
  if ((name === 'sh' || name === 'bash' || name === 'ash') && argv[1] === '-c' && argv.length >= 3) {
    state.runScript(argv[2])
  } else {
    const ok = state.runSimple(argv)
    if (!ok) {
      return {
        supported: false,
        output: unsupportedMessage(argv),
        exitCode: 127,
        segments: [],
        durationSec: 0,
      }
    }
  }
  return state.result()
}

export function unsupportedMessage(argv: string[]): string {
  return (
    `zun emulator: "${argv.join(' ')}" is not an emulated command; ` +
    `supported: echo, hostname, cat <file>, env, ip -4 addr, true, false, pwd, sleep, sh -c '<script>'\n`
  )
}

function baseName(cmd: string): string {
  return cmd.replace(/^\/(usr\/)?s?bin\//, '')
}

class ExitScript {
  constructor(readonly code: number) {}
}

class RunState {
  private readonly segments: OutputSegment[] = []
  private clock = 0
  /** Nesting of `runScript` (a nested `sh -c` is a subshell: its `exit` ends only itself). */
  private depth = 0
  /** Set when `exit` ended the outermost script. */
  exited = false

  constructor(
    private readonly ctx: ExecContext,
    private lastCode = 0,
    /** Set for an interactive session (enables `stty`). */
    private readonly tty: TtySize | null = null,
  ) {}

  result(): ExecResult {
    return {
      supported: true,
      output: this.segments.map((s) => s.text).join(''),
      exitCode: this.lastCode,
      segments: this.segments,
      durationSec: this.clock,
    }
  }

  /** Where a command's stdout and stderr go (`>&2`, `2>&1`, `>/dev/null` in scripts). */
  private redirect: Record<OutputSegment['stream'], OutputSegment['stream'] | null> = {stdout: 'stdout', stderr: 'stderr'}

  private write(text: string, stream: OutputSegment['stream'] = 'stdout'): void {
    const to = this.redirect[stream]
    if (text && to) this.segments.push({atSec: this.clock, text, stream: to})
  }

  /** Strips `>&2`, `1>&2`, `2>&1`, `>/dev/null`, `2>/dev/null` (also `> /dev/null`) from a command. */
  private takeRedirections(words: string[]): string[] {
    const out: string[] = []
    for (let i = 0; i < words.length; i++) {
      let w = words[i]
      if (/^[12]?>$/.test(w) && words[i + 1] !== undefined) w += words[++i]
      const m = /^([12]?)>(&[12]|\/dev\/null)$/.exec(w)
      if (!m) {
        out.push(w)
        continue
      }
      const from: OutputSegment['stream'] = m[1] === '2' ? 'stderr' : 'stdout'
      this.redirect[from] = m[2] === '/dev/null' ? null : m[2] === '&2' ? 'stderr' : 'stdout'
    }
    return out
  }

  /** Returns false for an unknown command (nothing is written). */
  runSimple(argv: string[]): boolean {
    const code = this.exec(argv)
    if (code === undefined) return false
    this.lastCode = code
    return true
  }

  runScript(script: string): void {
    this.depth++
    try {
      this.runScriptAt(script)
    } finally {
      this.depth--
    }
  }

  private runScriptAt(script: string): void {
    let tokens: ScriptToken[]
    try {
      tokens = lexScript(script, (name) => this.variable(name))
    } catch (err) {
      this.write(`sh: syntax error: ${(err as Error).message}\n`, 'stderr')
      this.lastCode = 2
      return
    }
    let words: string[] = []
    let skip = false
    const runPending = (): void => {
      if (words.length && !skip) {
        words = this.takeRedirections(words)
        const code = this.exec(words)
        if (code === undefined) {
          this.write(`sh: ${words[0]}: not found\n`, 'stderr')
          this.lastCode = 127
        } else {
          this.lastCode = code
        }
      }
      words = []
      this.redirect = {stdout: 'stdout', stderr: 'stderr'}
    }
    try {
      for (const t of tokens) {
        if (t.kind === 'word') {
          words.push(t.value(() => this.variable('?')))
          continue
        }
        runPending()
        // POSIX and-or lists: a skipped command leaves the last status as it was.
        if (t.op === ';') skip = false
        else if (t.op === '&&') skip = this.lastCode !== 0
        else skip = this.lastCode === 0
      }
      runPending()
    } catch (err) {
      if (!(err instanceof ExitScript)) throw err
      this.lastCode = err.code
      if (this.depth === 1) this.exited = true
    }
  }

  private variable(name: string): string {
    if (name === '?') return String(this.lastCode)
    if (name === 'HOSTNAME') return this.ctx.environment.HOSTNAME ?? this.ctx.hostname
    if (name === 'PATH') return this.ctx.environment.PATH ?? PATH
    if (name === 'HOME') return this.ctx.environment.HOME ?? '/root'
    return this.ctx.environment[name] ?? ''
  }

  /** The exit code, or undefined for an unknown command. */
  private exec(argv: string[]): number | undefined {
    const [cmd, ...args] = argv
    switch (baseName(cmd ?? '')) {
      case 'echo': {
        const noNewline = args[0] === '-n'
        const words = noNewline ? args.slice(1) : args
        this.write(words.join(' ') + (noNewline ? '' : '\n'))
        return 0
      }
      case 'hostname':
        this.write(`${this.ctx.hostname}\n`)
        return 0
      case 'cat':
        return this.cat(args)
      case 'env':
      case 'printenv':
        this.write(this.envLines().join('\n') + '\n')
        return 0
      case 'ip':
        return this.ip(args)
      case 'true':
        return 0
      case 'false':
        return 1
      case 'pwd':
        this.write(`${this.ctx.workdir || '/'}\n`)
        return 0
      case 'sleep': {
        const arg = args[0] ?? ''
        if (arg === 'infinity' || arg === 'inf') {
          this.clock = Infinity
          return 0
        }
        const secs = Number(arg.replace(/s$/, ''))
        if (!arg || !Number.isFinite(secs) || secs < 0) {
          this.write(`sleep: invalid number '${arg}'\n`, 'stderr')
          return 1
        }
        this.clock += secs
        return 0
      }
      case 'stty':
        if (!this.tty) return undefined
        if (args.length === 1 && args[0] === 'size') {
          this.write(`${this.tty.rows} ${this.tty.cols}\n`)
          return 0
        }
        this.write(`stty: zun emulator: only "stty size" is emulated\n`, 'stderr')
        return 1
      case 'exit': {
        const code = args[0] === undefined ? this.lastCode : Number(args[0]) & 0xff
        throw new ExitScript(Number.isNaN(code) ? 2 : code)
      }
      case 'sh':
      case 'bash':
      case 'ash':
        if (args[0] === '-c' && args.length >= 2) {
          this.runScript(args[1])
          return this.lastCode
        }
        return undefined
      default:
        return undefined
    }
  }

  private envLines(): string[] {
    const env: Record<string, string> = {PATH, HOSTNAME: this.ctx.hostname, ...this.ctx.environment}
    if (!('HOME' in env)) env.HOME = '/root'
    return Object.entries(env).map(([k, v]) => `${k}=${v}`)
  }

  private cat(paths: string[]): number {
    if (!paths.length) return 0
    let code = 0
    for (const p of paths) {
      const abs = p.startsWith('/') ? p : `${(this.ctx.workdir || '/').replace(/\/$/, '')}/${p}`
      const data = this.file(abs)
      if (data === undefined) {
        this.write(`cat: can't open '${p}': No such file or directory\n`, 'stderr')
        code = 1
      } else {
        this.write(data.toString('utf8'))
      }
    }
    return code
  }

  private file(path: string): Buffer | undefined {
    const f = this.ctx.files.get(path)
    if (f) return f
    if (path === '/etc/hostname') return Buffer.from(`${this.ctx.hostname}\n`)
    if (path === '/etc/hosts') {
      const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback']
      for (const i of this.ctx.interfaces) lines.push(`${i.addr}\t${this.ctx.hostname}`)
      return Buffer.from(lines.join('\n') + '\n')
    }
    return undefined
  }

  private ip(args: string[]): number {
    let family: 4 | 6 | undefined
    const rest = [...args]
    while (rest[0] === '-4' || rest[0] === '-6') family = rest.shift() === '-4' ? 4 : 6
    const obj = rest[0]
    const sub = rest[1]
    if (!obj || !['a', 'addr', 'address'].includes(obj) || (sub !== undefined && !['show', 'list', 'ls'].includes(sub))) {
      this.write('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n', 'stderr')
      return 1
    }
    const out: string[] = []
    out.push('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000')
    if (family !== 6) out.push('    inet 127.0.0.1/8 scope host lo', '       valid_lft forever preferred_lft forever')
    if (family !== 4) out.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever')
    // One interface per MAC (a port), holding its fixed IPs.
    const byMac = new Map<string, ExecInterface[]>()
    for (const i of this.ctx.interfaces) byMac.set(i.mac, [...(byMac.get(i.mac) ?? []), i])
    let index = 2
    let eth = 0
    for (const [mac, ips] of byMac) {
      const dev = `eth${eth++}`
      out.push(`${index++}: ${dev}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP`)
      if (family === undefined) out.push(`    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`)
      for (const ip of ips) {
        if (family && ip.version !== family) continue
        if (ip.version === 4) {
          out.push(`    inet ${ip.addr}/${ip.prefixLen} brd ${broadcast(ip.addr, ip.prefixLen)} scope global ${dev}`)
        } else {
          out.push(`    inet6 ${ip.addr}/${ip.prefixLen} scope global `)
        }
        out.push('       valid_lft forever preferred_lft forever')
      }
    }
    this.write(out.join('\n') + '\n')
    return 0
  }
}

function broadcast(addr: string, prefixLen: number): string {
  const n = addr.split('.').reduce((acc, p) => acc * 256 + Number(p), 0)
  const size = 2 ** (32 - prefixLen)
  const b = n - (n % size) + size - 1
  return [24, 16, 8, 0].map((s) => Math.floor(b / 2 ** s) % 256).join('.')
}

type ScriptToken =
  | {kind: 'word'; value: (status: () => string) => string}
  | {kind: 'op'; op: ';' | '&&' | '||'}

/**
 * Splits a `sh -c` script into words and the operators `;`, `&&`, `||` (a newline counts as `;`),
 * honouring quotes and backslashes. `$NAME`/`${NAME}` are expanded outside single quotes; `$?` is
 * resolved when the word is used, so `false; echo $?` prints 1.
 */
function lexScript(script: string, lookup: (name: string) => string): ScriptToken[] {
  const tokens: ScriptToken[] = []
  type Part = string | {status: true}
  let parts: Part[] = []
  let inWord = false
  const flush = (): void => {
    if (inWord) {
      const frozen = parts
      tokens.push({kind: 'word', value: (status) => frozen.map((p) => (typeof p === 'string' ? p : status())).join('')})
    }
    parts = []
    inWord = false
  }
  const expand = (i: number): [Part, number] => {
    // script[i] === '$'
    const next = script[i + 1]
    if (next === '?') return [{status: true}, i + 2]
    if (next === '{') {
      const end = script.indexOf('}', i + 2)
      if (end < 0) throw new Error('bad substitution')
      return [lookup(script.slice(i + 2, end)), end + 1]
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(script.slice(i + 1))
    if (!m) return ['$', i + 1]
    return [lookup(m[0]), i + 1 + m[0].length]
  }
  let i = 0
  while (i < script.length) {
    const ch = script[i]
    if (ch === "'") {
      const end = script.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quoted string')
      parts.push(script.slice(i + 1, end))
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i++
      let closed = false
      while (i < script.length) {
        const c = script[i]
        if (c === '"') {
          closed = true
          i++
          break
        }
        if (c === '\\' && '\\"$`'.includes(script[i + 1] ?? '')) {
          parts.push(script[i + 1])
          i += 2
        } else if (c === '$') {
          const [part, next] = expand(i)
          parts.push(part)
          i = next
        } else {
          parts.push(c)
          i++
        }
      }
      if (!closed) throw new Error('unterminated quoted string')
      inWord = true
    } else if (ch === '\\') {
      if (script[i + 1] === '\n') {
        i += 2
        continue
      }
      parts.push(script[i + 1] ?? '')
      inWord = true
      i += 2
    } else if (ch === '$') {
      const [part, next] = expand(i)
      parts.push(part)
      inWord = true
      i = next
    } else if (ch === ';' || ch === '\n') {
      flush()
      tokens.push({kind: 'op', op: ';'})
      i++
    } else if ((ch === '&' || ch === '|') && script[i + 1] === ch) {
      flush()
      tokens.push({kind: 'op', op: ch === '&' ? '&&' : '||'})
      i += 2
    } else if (ch === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++
    } else if (/\s/.test(ch)) {
      flush()
      i++
    } else {
      parts.push(ch)
      inWord = true
      i++
    }
  }
  flush()
  return tokens
}
