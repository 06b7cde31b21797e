/**
 * The README's examples, run exactly as written: each ```sh block is handed to bash as it stands
 * (with `set -e`), in the order of the README, by a fresh user (an empty HOME, `mrctl` on the
 * PATH), against the real services. The Quick start's `mycloud` is the user's own clouds.yaml in
 * the working folder (a copy of the real-openstack cloud under that name), as the README assumes;
 * the profile block stores the password in an OS keychain (a gnome-keyring in a private D-Bus
 * session, as on a desktop). Only the setup block is not run here: it is what CI itself runs.
 */
import {spawn, spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {CLOUDS, ROOT} from './harness.js'

interface Block {
  heading: string
  text: string
}

function readmeBlocks(): Block[] {
  const blocks: Block[] = []
  let heading = ''
  let current: string[] | undefined
  for (const line of readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n')) {
    if (current) {
      if (line.startsWith('```')) {
        blocks.push({heading, text: current.join('\n')})
        current = undefined
      } else current.push(line)
    } else if (line.startsWith('## ')) heading = line.slice(3)
    else if (line === '```sh') current = []
  }
  return blocks
}

const blocks = readmeBlocks()
const home = mkdtempSync(join(tmpdir(), 'mrctl-readme-'))
const work = join(home, 'work')
const shims = join(home, 'bin')

/** The user's shell: only what a login gives, plus `mrctl` on the PATH. */
function userEnv(): NodeJS.ProcessEnv {
  return {PATH: `${shims}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', USER: process.env.USER ?? 'root'}
}

function bash(script: string, opts: {keychain?: boolean} = {}): Promise<{code: number | null; stdout: string; stderr: string}> {
  // The keychain: a private session bus with an unlocked gnome-keyring, as a desktop session has.
  const keyring = 'printf mrctl-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n'
  const args = opts.keychain ? ['dbus-run-session', '--', 'bash', '-c', keyring + script] : ['bash', '-c', script]
  return new Promise((resolve, reject) => {
    const child = spawn(args[0], args.slice(1), {cwd: work, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** A block as written, stopping at the first command that fails. */
const runBlock = (b: Block, opts?: {keychain?: boolean}) => bash(`set -e\n${b.text}\n`, opts)

mkdirSync(work, {recursive: true})
mkdirSync(shims)
writeFileSync(join(shims, 'mrctl'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'run.js')}" "$@"\n`, {mode: 0o755})
const real = (YAML.parse(readFileSync(CLOUDS, 'utf8')) as {clouds: Record<string, unknown>}).clouds['real-openstack']
writeFileSync(join(work, 'clouds.yaml'), YAML.stringify({clouds: {mycloud: real}}), {mode: 0o600})
chmodSync(join(work, 'clouds.yaml'), 0o600)

afterAll(async () => {
  // Whatever a failed block left: the simulator and the guide's container and network.
  const cleanup = [
    'export OS_CLIENT_CONFIG_FILE=' + CLOUDS + ' OS_CLOUD=real-openstack',
    'mrctl --os-region-name RegionOne appcontainer delete --force --wait c1 >/dev/null 2>&1',
    'mrctl network delete container-net >/dev/null 2>&1',
    'for r in CentralRegion RegionOne RegionTwo; do mrctl security group delete readme-web --os-region-name $r >/dev/null 2>&1; done',
    'mrctl sim stop >/dev/null 2>&1',
    'true',
  ].join('\n')
  await bash(cleanup)
})

describe('the README, as written', () => {
  it('has the blocks this test knows (a new block needs a test too)', () => {
    expect(blocks.map((b) => b.heading)).toEqual([
      'Set up and test (a fresh machine, Node 20)',
      'Quick start with a real cloud',
      'Quick start with a real cloud',
      'Try it with no cloud of Zun or Tricircle: the simulator',
      'One place for every region: overview, quotas, IPs, sync, logs',
      // Not run here: it sets up DevStack nodes.
      'Set up a multi-pod DevStack for containers: `mrctl devstack`',
    ])
    // The setup block is CI's own job (.ci/run runs it); running npm ci inside the tests would
    // replace the node_modules they run from.
    expect(blocks[0].text.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim())).toEqual(['npm ci && npm run build', 'npm test'])
  })

  it('Quick start: OS_CLOUD=mycloud from ./clouds.yaml, `network list --all-regions`, `--os-region-name RegionOne image list -f json`', async () => {
    const r = await runBlock(blocks[1])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // The last command prints RegionOne's images as JSON.
    const json = r.stdout.slice(r.stdout.lastIndexOf('\n[') + 1)
    expect(Array.isArray(JSON.parse(json))).toBe(true)
  })

  it('Quick start, profiles: import (password to the keychain), use, test, list', async () => {
    expect(spawnSync('gnome-keyring-daemon', ['--version']).status, 'this test needs gnome-keyring (apt-get install gnome-keyring)').toBe(0)
    const r = await runBlock(blocks[2], {keychain: true})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Imported mycloud from')
    expect(r.stdout).toContain('(secret: keychain)')
    expect(r.stderr).toContain('Authenticated as admin in project admin (mycloud).')
  })

  it('the simulator: serve, pod, the guide’s network, run --wait, exec, list, delete, stop', async () => {
    const r = await runBlock(blocks[3])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/inet 10\.0\.10\.\d+\/24/)
    expect(r.stdout).toMatch(/\| RegionOne \| [0-9a-f-]{36} \| c1 /)
    expect(r.stdout).toContain('Delete for container c1 success.')
    expect(r.stdout).toMatch(/simulator \(pid \d+\) stopped/)
  })

  it('one place for every region: overview, quota totals, IP conflicts, security group sync (and its cleanup)', async () => {
    const r = await runBlock(blocks[4])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\|\s+\|\s+CentralRegion \|\s+RegionOne \|\s+RegionTwo \|\s+Total \|$/m)
    expect(r.stdout).toMatch(/^\| Total +\| network +\| networks +\|/m)
    expect(r.stdout).toMatch(/^\| RegionOne \| readme-web +\|\s+1 \|\s+0 \| would change \|/m)
    expect(r.stdout).toMatch(/^\| RegionTwo \| readme-web +\|\s+1 \|\s+0 \| synced +\|/m)
  })
})
