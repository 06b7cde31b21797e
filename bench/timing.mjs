// What the bench scripts share: running the built CLI and timing it, and the median of samples.
import {spawnSync} from 'node:child_process'
import {join, resolve} from 'node:path'

export const BIN = join(resolve(import.meta.dirname, '..'), 'bin', 'run.js')

/** ms(args): the wall time of one `mrctl args…` run in `env`, in ms (throws when it fails). */
export function cliTimer(env) {
  return (args) => {
    const t = process.hrtime.bigint()
    const r = spawnSync(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'ignore', 'pipe']})
    if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    return Number(process.hrtime.bigint() - t) / 1e6
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
