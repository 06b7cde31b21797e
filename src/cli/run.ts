import type {LeanManifest} from './lean-manifest.js'

import {Config, execute, Plugin, run as runCommand} from '@oclif/core'

import {cliShape, normalizeArgv} from './argv.js'
import {attachSharedFlags} from './lean-manifest.js'

/** oclif's config for the package at `root` with every plugin, its commands' flags whole (see lean-manifest.ts). */
export async function loadConfig(root: string): Promise<Config> {
  const config = await Config.load(root)
  attachSharedFlags(config.commands, manifestOf(config)?.sharedFlags)
  return config
}

/**
 * Global options put where oclif reads them (argv.ts), then the command run. An mrctl command
 * runs with mrctl's own commands only: the plugins (help, autocomplete) are loaded, with their
 * package files and manifests, only for what may need them (help, a plugin's command, a word
 * that is not a command).
 */
export async function run(root: string, argv: readonly string[], opts: {development?: boolean} = {}): Promise<void> {
  const {args, config} = await prepare(root, argv)
  await execute({development: opts.development, args, loadOptions: config})
}

/**
 * The command run as `run` runs it, without oclif's `execute` around it (which prints an error and
 * exits the process): its result, or the error thrown (an exit code as `oclif.exit`). For tests
 * that run commands in their own process.
 */
export async function runWithoutExit(root: string, argv: readonly string[]): Promise<unknown> {
  const {args, config} = await prepare(root, argv)
  return runCommand(args, config)
}

async function prepare(root: string, argv: readonly string[]): Promise<{args: string[]; config: Config}> {
  let config: Config
  if (mayNeedPlugins(argv)) {
    config = await loadConfig(root)
  } else {
    const mrctl = new Plugin({root, isRoot: true})
    await mrctl.load()
    config = await Config.load({root, plugins: new Map([[mrctl.name, mrctl]])})
    attachSharedFlags(config.commands, manifestOf(config)?.sharedFlags)
  }
  const shape = () => cliShape(config, manifestOf(config)?.globalFlags)
  let args = normalizeArgv(argv, shape())
  if (!isOwnCommand(args, config) && config.plugins.size === 1) {
    // A topic, a typo: the plugins' commands may be meant, and the help lists them.
    await config.loadPluginsAndCommands({force: true})
    attachSharedFlags(config.commands, manifestOf(config)?.sharedFlags)
    args = normalizeArgv(argv, shape())
  }
  return {args, config}
}

/** No command, help, a version, or the name of a plugin's command: cheaper to load everything at once. */
function mayNeedPlugins(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  const words = end === -1 ? argv : argv.slice(0, end)
  return words.length === 0 || words.some((w) => ['--help', '-h', '--version', 'help', 'autocomplete'].includes(w))
}

/** A command of mrctl's run as such: not help (`--help` before any `--`), nor a version, topic or typo. */
function isOwnCommand(args: readonly string[], config: Config): boolean {
  if (!args[0] || !config.findCommand(args[0])) return false
  const end = args.indexOf('--')
  return !(end === -1 ? args : args.slice(0, end)).includes('--help')
}

function manifestOf(config: Config): LeanManifest | undefined {
  return (config.plugins.get(config.name) as {manifest?: LeanManifest} | undefined)?.manifest
}
