#!/usr/bin/env node
import {Config, execute} from '@oclif/core'

const config = await Config.load(import.meta.url)
// Global options anywhere on the line, as `openstack` takes them (src/cli/argv.ts).
const {cliShape, normalizeArgv} = await import('../dist/src/cli/argv.js')
await execute({args: normalizeArgv(process.argv.slice(2), cliShape(config)), loadOptions: config})
// The work is done: do not wait for fetch's idle keep-alive sockets (~200 ms) before exiting.
process.stdout.write('', () => process.exit())
