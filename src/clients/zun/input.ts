import {isIP} from 'node:net'

import {UsageError} from '../../core/errors.js'

/**
 * What python-zunclient does with the user's input before anything is sent (`zunclient/common/
 * utils.py` and the OSC parsers): `KEY=VALUE` lists, `--net`, `--mount`, `--restart`,
 * `--healthcheck`, `--expose-port`, the quoted command string, `--entrypoint`, commit's
 * `<repository>[:<tag>]` — and argparse's REMAINDER positional (everything after `<image>` or
 * `<container>` is the command, even what looks like an option).
 *
 * Every bad value is a UsageError (exit 2) raised before any HTTP call.
 */

// ---------------------------------------------------------------------------------------------
// argv: argparse REMAINDER

/** The shape of a flag this needs: whether it takes a value, and its short character. */
export interface FlagShape {
  type: string
  char?: string
}

/**
 * Splits argv the way argparse does with a REMAINDER positional: flags and the first
 * `positionals` positional arguments stay in `head`; everything after the last of them goes to
 * `rest` untouched (`run cirros sh -c "echo hi"` → head `[cirros]`, rest `[sh, -c, echo hi]`).
 * A `--` ends the flags: the positionals still missing are taken after it.
 */
export function splitRemainder(
  argv: string[],
  flags: Record<string, FlagShape>,
  positionals: number,
): {head: string[]; rest: string[]} {
  const head: string[] = []
  let seen = 0
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '--') {
      const need = argv.slice(i + 1, i + 1 + (positionals - seen))
      return {head: [...head, ...need], rest: argv.slice(i + 1 + need.length)}
    }
    const consumed = flagTokens(argv, i, flags)
    if (consumed > 0) {
      head.push(...argv.slice(i, i + consumed))
      i += consumed - 1
      continue
    }
    head.push(token)
    seen++
    if (seen === positionals) return {head, rest: argv.slice(i + 1)}
  }
  return {head, rest: []}
}

/** How many tokens the flag at argv[i] takes (0: it is not a flag). Unknown flags count as booleans. */
function flagTokens(argv: string[], i: number, flags: Record<string, FlagShape>): number {
  const token = argv[i]
  if (token.length < 2 || !token.startsWith('-') || /^-\d/.test(token)) return 0
  if (token.startsWith('--')) {
    if (token.includes('=')) return 1
    const flag = flags[token.slice(2)]
    return flag?.type === 'option' && i + 1 < argv.length ? 2 : 1
  }
  const flag = Object.values(flags).find((f) => f.char === token[1])
  return flag?.type === 'option' && token.length === 2 && i + 1 < argv.length ? 2 : 1
}

// ---------------------------------------------------------------------------------------------
// KEY=VALUE lists (format_args)

/**
 * `--environment`, `--label`, `--hint`: repeated `KEY=VALUE`; a single occurrence is split on `,`
 * and `;`. A key given twice becomes a list (which the server refuses for environment and
 * labels, as it does for zunclient).
 */
export function formatArgs(args: string[] | undefined, flag: string): Record<string, string | string[]> {
  if (!args?.length) return {}
  const items = args.length === 1 ? args[0].replaceAll(';', ',').split(',') : args
  const out: Record<string, string | string[]> = {}
  for (const arg of items) {
    const eq = arg.indexOf('=')
    if (eq < 0) throw new UsageError(`${flag}: arguments must be a list of KEY=VALUE not ${arg}`)
    const k = arg.slice(0, eq)
    const v = arg.slice(eq + 1)
    if (!(k in out)) out[k] = v
    else out[k] = [...(Array.isArray(out[k]) ? out[k] : [out[k] as string]), v]
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// --net

export type NetSpec = {network?: string; port?: string; 'v4-fixed-ip'?: string; 'v6-fixed-ip'?: string}

const NET_KEYS = ['network', 'port', 'v4-fixed-ip', 'v6-fixed-ip'] as const

/**
 * zunclient's `parse_nets`: `network=N|port=P[,v4-fixed-ip=A][,v6-fixed-ip=B]`, keys and values
 * stripped, exactly one of network and port, valid IP addresses; only the keys given are sent.
 */
export function parseNets(nets: string[] | undefined): NetSpec[] {
  return (nets ?? []).map((s) => {
    const bad = () =>
      new UsageError(
        `Invalid nets argument '${s}'. nets arguments must be of the form --nets <network=network, ` +
          'v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr, port=port-uuid>, with only one of network, or port specified.',
      )
    const info: Record<string, string> = {}
    for (const kv of s.split(',')) {
      const eq = kv.indexOf('=')
      if (eq < 0) throw bad()
      const k = kv.slice(0, eq).trim()
      const v = kv.slice(eq + 1).trim()
      if (!(NET_KEYS as readonly string[]).includes(k) || info[k]) throw bad()
      info[k] = v
    }
    if (info['v4-fixed-ip'] && isIP(info['v4-fixed-ip']) !== 4) throw new UsageError(`Invalid ipv4 address: ${info['v4-fixed-ip']}`)
    if (info['v6-fixed-ip'] && isIP(info['v6-fixed-ip']) !== 6) throw new UsageError(`Invalid ipv6 address: ${info['v6-fixed-ip']}`)
    if (Boolean(info.network) === Boolean(info.port)) throw bad()
    return info as NetSpec
  })
}

// ---------------------------------------------------------------------------------------------
// --mount

export type MountSpec = {source?: string; destination: string; size?: string; type?: string}

/**
 * zunclient's `parse_mounts`: `source=<volume>,destination=<path>`, `size=<GiB>,destination=<path>`
 * or `type=bind,source=<local file>,destination=<path>`; a bind mount's file is read and sent
 * base64 in `source` (the key then comes last, as zunclient pops and re-adds it).
 */
export async function parseMounts(
  mounts: string[] | undefined,
  readFile: (path: string) => Promise<Buffer>,
): Promise<MountSpec[]> {
  const out: MountSpec[] = []
  for (const mount of mounts ?? []) {
    const bad = (part: string) =>
      new UsageError(
        `Invalid mounts argument '${part}'. mounts arguments must be of the form --mount source=<volume>,destination=<path>, ` +
          'or use --mount size=<size>,destination=<path> to create a new volume and mount to the container, ' +
          'or use --mount type=bind,source=<file>,destination=<path> to inject file into a path in the container.',
      )
    const info: Record<string, string> = {}
    for (const part of mount.split(',')) {
      const eq = part.indexOf('=')
      if (eq < 0) throw bad(part)
      const k = part.slice(0, eq).trim()
      const v = part.slice(eq + 1).trim()
      if (!['source', 'destination', 'size', 'type'].includes(k) || info[k]) throw bad(part)
      info[k] = v
    }
    if (!info.destination || (!info.source && !info.size)) throw bad(mount)
    const type = info.type ?? 'volume'
    if (type !== 'volume' && type !== 'bind') throw bad(`type=${type}`)
    if (type === 'bind') {
      const file = info.source
      delete info.source
      let data: Buffer
      try {
        data = await readFile(file)
      } catch (error) {
        throw new UsageError(`--mount type=bind: cannot read ${file}: ${(error as Error).message}`)
      }
      info.source = data.toString('base64')
    }
    out.push(info as MountSpec)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// --restart, --expose-port, --healthcheck, --entrypoint

/** `no`, `always`, `unless-stopped`, `on-failure[:N]` → `{Name, MaximumRetryCount}` (the count a string). */
export function restartPolicy(policy: string): {Name: string; MaximumRetryCount: string} {
  const parts = policy.split(':')
  if (parts.length > 2) throw new UsageError(`--restart ${policy}: expected <policy>[:<max-retry>]`)
  return {Name: parts[0], MaximumRetryCount: parts.length === 2 ? parts[1] : '0'}
}

/** `80`, `53/udp` → `{"80": {}, "53/udp": {}}`. */
export function exposedPorts(ports: string[]): Record<string, Record<string, never>> {
  return Object.fromEntries(ports.map((p) => [p, {}]))
}

export interface HealthCheck {
  cmd?: string
  interval?: number
  retries?: number
  timeout?: number
}

/** `cmd=…,interval=10s,retries=3,timeout=1m`: interval and timeout in seconds (`N`, `Ns`, `Nm`, `Nh`). */
export function parseHealthcheck(value: string): HealthCheck {
  const bad = () =>
    new UsageError(
      `Invalid healthcheck argument '${value}'. healthcheck arguments must be of the form --healthcheck ` +
        "<cmd='command',interval=time,retries=integer,timeout=time>, and the unit of time is s(seconds), m(minutes), h(hours).",
    )
  const out: Record<string, string | number> = {}
  for (const kv of value.split(',')) {
    const eq = kv.indexOf('=')
    if (eq < 0) throw bad()
    const k = kv.slice(0, eq).trim()
    const v = kv.slice(eq + 1).trim()
    if (!['cmd', 'interval', 'retries', 'timeout'].includes(k) || out[k] !== undefined) throw bad()
    if (k === 'interval' || k === 'timeout') {
      const m = /^(\d+)([smh]?)$/.exec(v)
      if (!m) throw bad()
      out[k] = Number(m[1]) * ({'': 1, s: 1, m: 60, h: 3600} as Record<string, number>)[m[2]]
    } else if (k === 'retries') {
      if (!/^\d+$/.test(v)) throw bad()
      out[k] = Number(v)
    } else out[k] = v
  }
  return out as HealthCheck
}

/** Python's `shlex.split` (POSIX mode), for `--entrypoint`. */
export function shlexSplit(input: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === "'") {
      const end = input.indexOf("'", i + 1)
      if (end < 0) throw new UsageError(`cannot split ${JSON.stringify(input)}: No closing quotation`)
      word += input.slice(i + 1, end)
      inWord = true
      i = end
    } else if (ch === '"') {
      let closed = false
      for (i++; i < input.length; i++) {
        const c = input[i]
        if (c === '"') {
          closed = true
          break
        }
        if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) word += input[++i]
        else word += c
      }
      if (!closed) throw new UsageError(`cannot split ${JSON.stringify(input)}: No closing quotation`)
      inWord = true
    } else if (ch === '\\') {
      if (i + 1 >= input.length) throw new UsageError(`cannot split ${JSON.stringify(input)}: No escaped character`)
      word += input[++i]
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return words
}

/**
 * zunclient's `parse_command`: every word in double quotes, joined by spaces; the server
 * shlex-splits it back. zunclient does not escape, so a `"` inside a word was lost; here `"`
 * and `\` are escaped, which shlex undoes (words without them are sent exactly as zunclient does).
 */
export function quoteCommand(argv: string[]): string {
  return argv.map((a) => `"${a.replace(/(["\\])/g, '\\$1')}"`).join(' ')
}

/**
 * `<repository>[:<tag>]`. zunclient splits on every `:` (`rsplit(':')`), so `host:5000/repo:v1`
 * became repository `host`; here only a colon after the last `/` starts the tag.
 */
export function parseRepository(value: string): {repository: string; tag?: string} {
  const at = value.lastIndexOf(':')
  if (at > value.lastIndexOf('/') && at >= 0) {
    const repository = value.slice(0, at)
    const tag = value.slice(at + 1)
    if (!repository || !tag) throw new UsageError(`<repository>[:<tag>] expected, got "${value}"`)
    return {repository, tag}
  }
  if (!value) throw new UsageError('<repository> is empty')
  return {repository: value}
}

/** `container:path` → [container, path]; a bare path → undefined (cp). */
export function splitContainerPath(value: string): {container: string; path: string} | undefined {
  const i = value.indexOf(':')
  if (i < 0) return undefined
  return {container: value.slice(0, i), path: value.slice(i + 1)}
}
