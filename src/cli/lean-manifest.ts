import type {FlagShape} from './argv.js'

import {cliShape, globalFlags} from './argv.js'

/**
 * oclif's manifest repeats every flag in every command: the ~40 global, OpenStack and output
 * options made 0.9 of its 1.4 MB, parsed on each start. The build (scripts/lean-manifest.mjs) keeps
 * each definition shared by several commands once, under `sharedFlags`, and leaves its key in the
 * command's `flags` (so the order of the help is kept); `attachSharedFlags` puts the definitions
 * back once oclif has loaded the manifest, before anything reads a command's flags (argv, help,
 * completion, man pages). The union of the global options (argv.ts) is computed here too, once.
 */

interface FlagsHolder {
  flags?: Record<string, unknown>
}

export interface LeanManifest {
  version: string
  commands: Record<string, FlagsHolder>
  /** Definitions by key; a command's flag whose value is a string is the key of one of these. */
  sharedFlags?: Record<string, unknown>
  /** argv.ts's globalFlags() of the whole CLI. */
  globalFlags?: Record<string, FlagShape>
}

/** The lean form of an oclif manifest: each definition used by two commands or more kept once. */
export function leanManifest(manifest: LeanManifest): LeanManifest {
  const uses = new Map<string, number>()
  const useOf = (name: string, def: unknown) => `${name}\0${JSON.stringify(def)}`
  for (const command of Object.values(manifest.commands)) {
    for (const [name, def] of Object.entries(command.flags ?? {})) uses.set(useOf(name, def), (uses.get(useOf(name, def)) ?? 0) + 1)
  }
  const keys = new Map<string, string>()
  const sharedFlags: Record<string, unknown> = {}
  const commands: Record<string, FlagsHolder> = {}
  for (const [id, command] of Object.entries(manifest.commands)) {
    const flags: Record<string, unknown> = {}
    for (const [name, def] of Object.entries(command.flags ?? {})) {
      const use = useOf(name, def)
      if ((uses.get(use) ?? 0) < 2) {
        flags[name] = def
        continue
      }
      let key = keys.get(use)
      if (key === undefined) {
        // Two shared definitions of one name (list and show --format): format, format~2.
        const taken = Object.keys(sharedFlags).filter((k) => k === name || k.startsWith(`${name}~`)).length
        key = taken ? `${name}~${taken + 1}` : name
        keys.set(use, key)
        sharedFlags[key] = def
      }
      flags[name] = key
    }
    commands[id] = {...command, flags}
  }
  const all = cliShape({commands: Object.entries(manifest.commands).map(([id, c]) => ({id, flags: c.flags})), topics: []})
  const globals: Record<string, FlagShape> = {}
  for (const [name, {type, char, allowNo, helpGroup}] of Object.entries(globalFlags(all))) globals[name] = {type, char, allowNo, helpGroup}
  return {...manifest, commands, sharedFlags, globalFlags: globals}
}

/**
 * The commands' flags made whole again from `sharedFlags`, in place, for oclif's loaded commands
 * (`config.commands`) or a manifest's. Commands whose flags are whole already are left as they are.
 */
export function attachSharedFlags(commands: Iterable<FlagsHolder>, sharedFlags: Record<string, unknown> | undefined): void {
  if (!sharedFlags) return
  for (const command of commands) {
    const flags = command.flags
    if (!flags) continue
    for (const name in flags) {
      const value = flags[name]
      if (typeof value === 'string') flags[name] = sharedFlags[value]
    }
  }
}
