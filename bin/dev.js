#!/usr/bin/env -S node --import tsx --no-warnings
import {join} from 'node:path'

process.env.NODE_ENV = 'development'
const {main} = await import('../src/cli/main.ts')
await main(join(import.meta.dirname, '..'), process.argv.slice(2), {development: true})
