/**
 * `openstack`'s global options anywhere: before the command, between its topic words and after
 * it (argparse's `parse_known_args` over the whole line, up to `--`). oclif takes flags only
 * after the command ID, so the words are put in that order before oclif dispatches:
 *
 *   mrctl --os-region-name R appcontainer --json list -f json
 *     → appcontainer:list --os-region-name R --json -f json
 *
 * Which options are global is read from the flag definitions (their help group), never from a
 * list kept here. A value-taking option takes the next word with it. Nothing after `--` is
 * touched, nor the COMMAND words of `appcontainer run/create/exec` (the command's static
 * `remainderAfter`: how many positionals come before them); unlike `openstack`, which would take a
 * `--debug` or `--insecure` meant for the container's command as its own, mrctl leaves them to it.
 * `-h` is `--help` wherever `--help` would be recognised.
 */

/** The help groups of the options every command takes (see flags.ts). */
export const GLOBAL_HELP_GROUPS = ['GLOBAL', 'OPENSTACK'] as const

export interface FlagShape {
  type: 'boolean' | 'option'
  char?: string
  allowNo?: boolean
  helpGroup?: string
}

export interface CommandShape {
  flags: Record<string, FlagShape>
  /** Positionals before the words that belong to the container's command (run, create, exec). */
  remainderAfter?: number
}

export interface CliShape {
  /** By oclif ID (`network:list`). */
  commands: Map<string, CommandShape>
  /** Topic IDs (`appcontainer`, `appcontainer:image`). */
  topics: Set<string>
  /** The global options of every command (globalFlags), when computed beforehand (the build does). */
  globals?: Record<string, FlagShape>
}

/**
 * What oclif's Config offers (`config.commands`, `config.topics`), reduced to what matters here;
 * `globals` from the manifest (lean-manifest.ts) spares reading every command's flags at each start.
 */
export function cliShape(
  config: {
    commands: Array<{id: string; flags?: Record<string, unknown>; remainderAfter?: unknown}>
    topics: Array<{name: string}>
  },
  globals?: Record<string, FlagShape>,
): CliShape {
  const commands = new Map<string, CommandShape>()
  for (const c of config.commands) {
    commands.set(c.id, {
      flags: (c.flags ?? {}) as Record<string, FlagShape>,
      remainderAfter: typeof c.remainderAfter === 'number' ? c.remainderAfter : undefined,
    })
  }
  return {commands, topics: new Set(config.topics.map((t) => t.name)), globals}
}

export function isGlobalFlag(flag: FlagShape): boolean {
  return GLOBAL_HELP_GROUPS.some((g) => flag.helpGroup?.startsWith(g))
}

/** The global options of all commands, by name (their union, as unionFlags makes it). */
export function globalFlags(cli: CliShape): Record<string, FlagShape> {
  return unionFlags(cli, isGlobalFlag)
}

/**
 * Every option any command has, by name (the union: a command's own check comes later, in
 * oclif), the global ones and all; a name that takes a value anywhere is taken as taking one.
 */
function unionFlags(cli: CliShape, keep: (f: FlagShape) => boolean): Record<string, FlagShape> {
  const out: Record<string, FlagShape> = {}
  for (const c of cli.commands.values()) {
    for (const [name, f] of Object.entries(c.flags)) if (keep(f) && out[name]?.type !== 'option') out[name] = f
  }
  return out
}

/**
 * How many words the option at argv[i] takes when it is one of `flags` (0: it is not). `--x=v`
 * and `--no-x` are one word; `--x v` and `-c v` two when the flag takes a value.
 */
export function optionWords(argv: readonly string[], i: number, flags: Record<string, FlagShape>): number {
  const t = argv[i]
  if (t.startsWith('--')) {
    const eq = t.indexOf('=')
    const name = t.slice(2, eq === -1 ? undefined : eq)
    const flag = flags[name]
    if (flag) return flag.type === 'option' && eq === -1 && i + 1 < argv.length ? 2 : 1
    const negated = name.startsWith('no-') ? flags[name.slice(3)] : undefined
    return negated?.allowNo ? 1 : 0
  }
  if (t.length < 2 || !t.startsWith('-') || /^-\d/.test(t)) return 0
  const flag = Object.values(flags).find((f) => f.char === t[1])
  if (!flag) return 0
  return flag.type === 'option' && t.length === 2 && i + 1 < argv.length ? 2 : 1
}

const isOption = (t: string) => t.length > 1 && t.startsWith('-') && !/^-\d/.test(t)

/** The oclif argv: the command ID first (colon form), then the global options found before it, then the rest. */
export function normalizeArgv(argv: readonly string[], cli: CliShape): string[] {
  const globals = cli.globals ?? globalFlags(cli)
  let others: Record<string, FlagShape> | undefined
  const words: string[] = []
  const moved: string[] = []
  const unknown: string[] = []
  let i = 0
  for (; i < argv.length; i++) {
    const t = argv[i]
    if (t === '--') break
    // Help before the command is known (oclif reads --help anywhere): no need to look it up.
    if ((t === '-h' || t === '--help') && !cli.commands.has(words.join(':'))) {
      moved.push('--help')
      continue
    }
    if (isOption(t)) {
      // The command is known: its options (global ones included) are oclif's to read, in place.
      if (cli.commands.has(words.join(':'))) break
      const n = optionWords(argv, i, globals)
      if (n === 0) {
        // Not a global option: the command will accept it or say it is not its own; its value
        // (if any command's option of that name takes one) goes with it.
        others ??= unionFlags(cli, () => true)
        const m = Math.max(optionWords(argv, i, others), 1)
        unknown.push(...argv.slice(i, i + m))
        i += m - 1
        continue
      }
      moved.push(...argv.slice(i, i + n))
      i += n - 1
      continue
    }
    const longer = [...words, t].join(':')
    if (cli.commands.has(longer) || cli.topics.has(longer)) {
      words.push(t)
      continue
    }
    break
  }
  const id = words.join(':')
  const command = cli.commands.get(id)
  const rest = argv.slice(i)
  // Not a command (a topic, a typo): oclif shows the topic's help or runs the command_not_found hook.
  if (!command) return [...words, ...rest, ...unknown, ...moved]
  return [id, ...moved, ...unknown, ...helpAliases(rest, command)]
}

/**
 * The command's own words: `-h` → `--help` (not after `--`, not among the container's command
 * words). For run/create/exec, a `--` goes before the first positional, so that oclif's help
 * check (which reads every word up to `--`) leaves `ls --help` to the container; the command
 * splits its words at that `--` (splitRemainder).
 */
function helpAliases(rest: readonly string[], command: CommandShape): string[] {
  const hasH = Object.values(command.flags).some((f) => f.char === 'h')
  const out = [...rest]
  for (let i = 0; i < out.length; i++) {
    const t = out[i]
    if (t === '--') break
    if (t === '-h' && !hasH) {
      out[i] = '--help'
      continue
    }
    if (isOption(t)) {
      i += Math.max(optionWords(out, i, command.flags), 1) - 1
      continue
    }
    // The first positional: for run/create/exec, everything from here on is theirs.
    if (command.remainderAfter !== undefined) out.splice(i, 0, '--')
    break
  }
  return out
}
