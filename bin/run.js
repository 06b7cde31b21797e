#!/usr/bin/env node
import {join} from 'node:path'

const {main} = await import('../dist/src/cli/main.js')
await main(join(import.meta.dirname, '..'), process.argv.slice(2))
// The work is done: do not wait for fetch's idle keep-alive sockets (~200 ms) before exiting.
process.stdout.write('', () => process.exit())
