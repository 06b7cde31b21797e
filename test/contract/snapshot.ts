/**
 * The command snapshot (sf's `command-snapshot.json`): every command of a build, its arguments and
 * flags as oclif parses them at run time, so that a flag that disappears or changes is a visible
 * diff in review. The flags every command shares are listed once, under the name of the set they
 * come from (`src/cli/flags.ts`: common, openstack, zun, listOutput, showOutput, regions; json:
 * oclif's --json); each command names its sets and lists its own flags.
 */
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

export const SNAPSHOT_FILE = join(import.meta.dirname, 'command-snapshot.json')

type FlagDef = Record<string, unknown> & {type: 'boolean' | 'option'}

export interface CommandEntry {
  id: string
  args: Array<{name: string; required: boolean; options?: string[]}>
  /** Every positional after the first is taken too (`<network> [<network> ...]`). */
  variadic: boolean
  globalSets: string[]
  flags: Record<string, Record<string, unknown>>
}

export interface Snapshot {
  globalSets: Record<string, Record<string, Record<string, unknown>>>
  commands: CommandEntry[]
}

/** What a flag is for a user: its kind and the parsing rules, not its help text. */
export function flagShape(f: FlagDef): Record<string, unknown> {
  const out: Record<string, unknown> = {type: f.type}
  if (f.char) out.char = f.char
  if (f.type === 'option' && f.multiple) out.multiple = f.multipleNonGreedy ? 'one value each' : 'greedy'
  if (Array.isArray(f.options)) out.options = [...(f.options as string[])]
  if (f.required) out.required = true
  if (f.allowNo) out.allowNo = true
  if (Array.isArray(f.exclusive) && f.exclusive.length) out.exclusive = [...(f.exclusive as string[])].sort()
  if (Array.isArray(f.dependsOn) && f.dependsOn.length) out.dependsOn = [...(f.dependsOn as string[])].sort()
  if (f.default !== undefined && typeof f.default !== 'function') out.default = f.default
  if (typeof f.env === 'string') out.env = f.env
  return out
}

const sameShape = (a: FlagDef, b: FlagDef) => JSON.stringify(flagShape(a)) === JSON.stringify(flagShape(b))

/** The snapshot of the build under `root` (its `dist/`). */
export async function commandSnapshot(root: string): Promise<Snapshot> {
  const {loadConfig} = (await import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'main.js')).href)) as {
    loadConfig: (root: string) => Promise<import('@oclif/core').Config>
  }
  const config = await loadConfig(root)
  // The sets as the sources declare them (the bundle has no module of its own for them).
  const flagsModule = (await import('../../src/cli/flags.js')) as unknown as Record<string, Record<string, FlagDef>>
  const sets: Record<string, Record<string, FlagDef>> = {
    common: flagsModule.commonFlags,
    openstack: flagsModule.openstackFlags,
    zun: flagsModule.containerApiVersionFlag,
    listOutput: flagsModule.listOutputFlags,
    showOutput: flagsModule.showOutputFlags,
    regions: flagsModule.regionFlags,
    json: {json: {type: 'boolean'}},
  }
  const commands: CommandEntry[] = []
  // mrctl's own commands (not those of the help and autocomplete plugins).
  const own = config.commands.filter((c) => c.pluginName === config.name).map((c) => c.id)
  for (const id of own.sort()) {
    const cls = (await config.findCommand(id)!.load()) as unknown as {
      baseFlags?: Record<string, FlagDef>
      flags?: Record<string, FlagDef>
      args?: Record<string, {required?: boolean; options?: string[]}>
      strict?: boolean
      enableJsonFlag?: boolean
    }
    const all: Record<string, FlagDef> = {...cls.baseFlags, ...cls.flags}
    if (cls.enableJsonFlag) all.json = {type: 'boolean'}
    const globalSets = Object.keys(sets).filter((name) => Object.entries(sets[name]).every(([k, def]) => all[k] && sameShape(all[k], def)))
    const fromSets = new Set(globalSets.flatMap((name) => Object.keys(sets[name])))
    const flags: CommandEntry['flags'] = {}
    for (const name of Object.keys(all).sort()) if (!fromSets.has(name)) flags[name] = flagShape(all[name])
    const args = Object.entries(cls.args ?? {}).map(([name, a]) => ({name, required: Boolean(a.required), ...(a.options ? {options: [...a.options]} : {})}))
    commands.push({id: id.replaceAll(':', ' '), args, variadic: cls.strict === false, globalSets, flags})
  }
  const globalSets = Object.fromEntries(
    Object.entries(sets).map(([name, defs]) => [name, Object.fromEntries(Object.keys(defs).sort().map((k) => [k, flagShape(defs[k])]))]),
  )
  return {globalSets, commands}
}

/** One line per flag and per argument, so that a diff names the flag that changed. */
export function snapshotText(s: Snapshot): string {
  const one = (v: unknown) => JSON.stringify(v)
  const flags = (f: Record<string, unknown>, indent: string) =>
    Object.entries(f)
      .map(([k, v]) => `${indent}${one(k)}: ${one(v)}`)
      .join(',\n')
  const sets = Object.entries(s.globalSets)
    .map(([name, f]) => `    ${one(name)}: {\n${flags(f, '      ')}\n    }`)
    .join(',\n')
  const commands = s.commands
    .map((c) =>
      [
        '    {',
        `      "id": ${one(c.id)},`,
        `      "args": ${one(c.args)},`,
        `      "variadic": ${one(c.variadic)},`,
        `      "globalSets": ${one(c.globalSets)},`,
        Object.keys(c.flags).length ? `      "flags": {\n${flags(c.flags, '        ')}\n      }` : '      "flags": {}',
        '    }',
      ].join('\n'),
    )
    .join(',\n')
  return `{\n  "globalSets": {\n${sets}\n  },\n  "commands": [\n${commands}\n  ]\n}\n`
}
