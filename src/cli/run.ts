import type {LeanManifest} from './lean-manifest.js'

import {Config, execute} from '@oclif/core'

import {cliShape, normalizeArgv} from './argv.js'
import {attachSharedFlags} from './lean-manifest.js'

/** oclif's config for the package at `root`, its commands' flags whole (see lean-manifest.ts). */
export async function loadConfig(root: string): Promise<Config> {
  const config = await Config.load(root)
  attachSharedFlags(config.commands, manifestOf(config)?.sharedFlags)
  return config
}

/** Global options put where oclif reads them (argv.ts), then the command run. */
export async function run(root: string, argv: readonly string[], opts: {development?: boolean} = {}): Promise<void> {
  const config = await loadConfig(root)
  const args = normalizeArgv(argv, cliShape(config, manifestOf(config)?.globalFlags))
  await execute({development: opts.development, args, loadOptions: config})
}

function manifestOf(config: Config): LeanManifest | undefined {
  return (config.plugins.get(config.name) as {manifest?: LeanManifest} | undefined)?.manifest
}
