/**
 * The drop-in items on the guide's main resource, containers, against the Zun emulator (backed by
 * the real Keystone and CentralRegion Neutron): Ctrl-C during `appcontainer run --wait` says what
 * exists (or, with --rm-on-interrupt, deletes it), the hint for deleting a Running container, and
 * the `--wait` spinner at a real terminal (tmux).
 */
import {spawn, spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, mrctl, ROOT, startEmulators, tempConfigDir, uniqueName} from './harness.js'

const configDir = tempConfigDir()
const prefix = uniqueName('w9z')
const net = `${prefix}-net`
let emulators: Awaited<ReturnType<typeof startEmulators>> | undefined

const BIN = join(ROOT, 'bin', 'run.js')
const ENV = {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD, MRCTL_CONFIG_DIR: configDir, NO_COLOR: '1'}
const r1 = (args: string[]) => mrctl(['--os-region-name', 'RegionOne', 'appcontainer', ...args], {configDir})

/** The CLI as a child we can signal: SIGINT once stderr matches `when`. */
function interruptible(args: string[], when: RegExp): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: ENV, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      if (!sent && when.test(stderr)) {
        sent = true
        child.kill('SIGINT')
      }
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** Polls `check` until true, within `ms` (never a bare sleep). */
async function until(check: () => Promise<boolean>, ms: number, what: string, seen: () => string = () => ''): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${seen() ? `; last seen:\n${seen()}` : ''}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const gone = async (ref: string) => (await r1(['show', ref, '-f', 'json'])).code !== 0

beforeAll(async () => {
  emulators = await startEmulators(['zun'])
  expect((await mrctl(['--os-region-name', 'CentralRegion', 'network', 'create', net], {configDir})).code).toBe(0)
  expect((await mrctl(['--os-region-name', 'CentralRegion', 'subnet', 'create', `${net}-sub`, '--network', net, '--subnet-range', '10.253.3.0/24'], {configDir})).code).toBe(0)
})

afterAll(async () => {
  const list = await r1(['list', '-f', 'json'])
  for (const c of (list.json ?? []) as Array<{uuid: string; name: string}>) {
    if (c.name.startsWith(prefix)) await r1(['delete', '--force', '--wait', c.uuid])
  }
  await mrctl(['--os-region-name', 'CentralRegion', 'network', 'delete', net], {configDir})
  await emulators?.stop()
})

describe('Ctrl-C during `appcontainer run --wait`', () => {
  const firstPoll = /RESP: \[200\] \S+\/v1\/containers\/[0-9a-f-]{36} /

  it('says the container exists, where, in which state, and how to delete it; the pasted command works', async () => {
    const name = `${prefix}-a`
    const r = await interruptible(['--debug', '--os-region-name', 'RegionOne', 'appcontainer', 'run', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600'], firstPoll)
    expect(r.code).toBe(130)
    const m = new RegExp(`^${name} \\(uuid ([0-9a-f-]{36})\\) was created in RegionOne and is (\\w+); delete it with: (mrctl .*)$`, 'm').exec(r.stderr)
    expect(m, r.stderr.slice(-2000)).not.toBeNull()
    expect(['Creating', 'Created']).toContain(m![2])
    expect(m![3]).toBe(`mrctl --os-region-name RegionOne appcontainer delete --force ${m![1]}`)
    const del = await mrctl(m![3].replace(/^mrctl /, '').split(' '), {configDir})
    expect(del.code, del.stderr).toBe(0)
    await until(() => gone(m![1]), 30_000, `${name} to be gone`)
  })

  it('--rm-on-interrupt: the container is deleted and gone before exit 130', async () => {
    const name = `${prefix}-b`
    const r = await interruptible(['--debug', '--os-region-name', 'RegionOne', 'appcontainer', 'run', '--rm-on-interrupt', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600'], firstPoll)
    expect(r.code).toBe(130)
    expect(r.stderr).toMatch(new RegExp(`Deleted container ${name} \\([0-9a-f-]{36}\\) \\(--rm-on-interrupt\\)\\.`))
    expect(await gone(name)).toBe(true)
  })
})

describe('deleting a Running container', () => {
  it('answers Zun’s 409 with --stop or --force, in a command that works when pasted', async () => {
    const name = `${prefix}-c`
    expect((await r1(['run', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600'])).code).toBe(0)
    const r = await r1(['delete', name])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Zun 409: Cannot delete container [0-9a-f-]{36} in Running state/)
    const hint = /stop it first with --stop, or use --force: (mrctl .*)$/m.exec(r.stderr)
    expect(hint![1]).toBe(`mrctl --os-region-name RegionOne appcontainer delete --stop ${name}`)
    const again = await mrctl(hint![1].replace(/^mrctl /, '').split(' '), {configDir})
    expect(again.code, again.stderr).toBe(0)
    await until(() => gone(name), 30_000, `${name} to be gone`)
  })
})

describe('the container’s command words are its own', () => {
  it('`mrctl --os-region-name RegionOne appcontainer exec c echo --help -h --debug`: echo gets them all', async () => {
    const name = `${prefix}-x`
    expect((await r1(['run', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600'])).code).toBe(0)
    const r = await mrctl(['--os-region-name', 'RegionOne', 'appcontainer', 'exec', name, 'echo', '--help', '-h', '--debug'], {configDir})
    expect(r.stderr).toBe('')
    // echo's line, then the newline zunclient's print() adds
    expect(r.stdout).toBe('--help -h --debug\n\n')
    expect(r.code).toBe(0)
  })
})

describe('the --wait spinner', () => {
  it('at a terminal (tmux): the container, its status and the time waited, on stderr; cleared at the end', async () => {
    expect(spawnSync('tmux', ['-V']).status, 'this test needs tmux').toBe(0)
    const name = `${prefix}-d`
    const session = `mrctl-${prefix}`
    const env = Object.entries({OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD, MRCTL_CONFIG_DIR: configDir}).map(([k, v]) => `${k}=${v}`)
    // A person's terminal: CI runners export CI (and some TERM=dumb), which rightly turn spinners off.
    const line = ['env', '-u', 'CI', 'TERM=xterm-256color', ...env, process.execPath, BIN, '--os-region-name', 'RegionOne', 'appcontainer', 'run', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600']
    const shell = `${line.map((w) => `'${w}'`).join(' ')} >/dev/null; echo "exit=$?"; sleep 60`
    expect(spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '150', '-y', '20', shell]).status).toBe(0)
    const pane = () => spawnSync('tmux', ['capture-pane', '-p', '-t', session]).stdout.toString()
    try {
      await until(async () => /Waiting for container/.test(pane()), 15_000, 'the spinner', pane)
      expect(pane()).toMatch(new RegExp(`Waiting for container ${name} \\([0-9a-f-]{36}\\) in RegionOne: (Creating|Created) \\(\\d+ s\\)`))
      await until(async () => /exit=0/.test(pane()), 30_000, 'the command to end', pane)
      expect(pane()).not.toMatch(/Waiting for container/)
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session])
    }
  })

  it('never without a terminal, nor under --json', async () => {
    const name = `${prefix}-e`
    const r = await r1(['run', '--json', '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sleep', '600'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.json.status).toBe(0)
  })
})
