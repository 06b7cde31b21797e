import {spawn} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT} from './harness.js'

/** Runs the CLI at a pseudo-terminal (util-linux `script`), as a user at a terminal runs it. */
function atTerminal(args: string[], env: Record<string, string>, ms: number): Promise<{code: number | null; output: string}> {
  const line = [process.execPath, join(ROOT, 'bin', 'run.js'), ...args].map((w) => `'${w}'`).join(' ')
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', line, '/dev/null'], {env: {PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env}})
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    // A prompt waits for input that never comes: end it after `ms`.
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, output})
    })
  })
}

describe('profile add on a machine with no keychain', () => {
  it('says so before prompting for anything (exit 1), at a terminal', async () => {
    const r = await atTerminal(['profile', 'add', 'lab', '--os-auth-url', 'http://127.0.0.1:5000/v3', '--os-project-name', 'admin'], {
      MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-cmd-')),
      // No session bus: the Secret Service cannot be reached.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mrctl-test-bus',
    }, 15_000)
    expect(r.output).toContain('the OS keychain is not available here')
    expect(r.output).toContain('--secret-store none')
    expect(r.output).not.toMatch(/Username|Password/)
    expect(r.code).toBe(1)
  })
})
