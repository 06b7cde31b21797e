#!/usr/bin/env -S node --import tsx --no-warnings
import {Config, execute} from '@oclif/core'

process.env.NODE_ENV = 'development'
const config = await Config.load(import.meta.url)
const {cliShape, normalizeArgv} = await import('../src/cli/argv.ts')
await execute({development: true, args: normalizeArgv(process.argv.slice(2), cliShape(config)), loadOptions: config})
