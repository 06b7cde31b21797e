import {spawn} from 'node:child_process'

import {MrctlError} from '../core/errors.js'

/** The guide's restart commands (`sudo systemctl restart devstack@zun*`), as shown to people. */
export function restartHint(units: string[]): string[] {
  return units.map((u) => `sudo systemctl restart ${u}`)
}

/** The command to run: systemctl itself as root, else through sudo (which may ask for a password at a terminal). */
export function restartArgv(unit: string, uid = process.getuid?.()): string[] {
  return uid === 0 ? ['systemctl', 'restart', unit] : ['sudo', 'systemctl', 'restart', unit]
}

/**
 * Runs one restart. The unit pattern goes to systemctl as one argument (no shell): systemctl
 * matches `devstack@zun*` against its units itself. Its output is kept for the error message.
 */
export function runRestart(argv: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0], argv.slice(1), {stdio: ['inherit', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', (error) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      reject(
        new MrctlError(missing ? `${argv[0]} not found: cannot restart ${argv.at(-1)}` : `${argv.join(' ')}: ${error.message}`, {
          actions: [`restart the services yourself: sudo systemctl restart ${argv.at(-1)}`],
        }),
      )
    })
    child.on('close', (code) => {
      if (code === 0) resolvePromise()
      else reject(new MrctlError(`${argv.join(' ')} failed (exit ${code})${output.trim() ? `: ${output.trim()}` : ''}`, {actions: ['check the units with: systemctl list-units "devstack@*"']}))
    })
  })
}
