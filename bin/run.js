#!/usr/bin/env node
import {execute} from '@oclif/core'

await execute({dir: import.meta.url})
// The work is done: do not wait for fetch's idle keep-alive sockets (~200 ms) before exiting.
process.stdout.write('', () => process.exit())
