/**
 * The README's examples, run exactly as written: each ```sh block is handed to bash as it stands
 * (with `set -e`), in the order of the README, by a fresh user (an empty HOME, `mrctl` on the
 * PATH), against the real services. The Quick start's `mycloud` is the user's own clouds.yaml in
 * the working folder (a copy of the target's admin cloud under that name), as the README assumes;
 * the profile block stores the password in an OS keychain (a gnome-keyring in a private D-Bus
 * session, as on a desktop). The DevStack block runs on a DevStack node made in a private mount
 * namespace (./devstack-node.ts): its /opt/stack, /etc/zun, /etc/kuryr, sudo and systemctl are
 * there, and nothing of this machine's own files changes. Only the setup block is not run here: it
 * is what CI itself runs.
 */
import {spawn, spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {type DevstackNode, devstackNode} from './devstack-node.js'
import {ADMIN_CLOUD, CLOUDS, mrctl, ROOT, startEmulators, TARGET, uniqueName} from './harness.js'

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
const FIXTURES = join(ROOT, 'test/fixtures/devstack')
const home = mkdtempSync(join(tmpdir(), 'mrctl-readme-'))
const work = join(home, 'work')
const shims = join(home, 'bin')

/** The user's shell: only what a login gives, plus `mrctl` on the PATH. */
function userEnv(): NodeJS.ProcessEnv {
  return {PATH: `${shims}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', USER: process.env.USER ?? 'root'}
}

interface BashOptions {
  /** In a desktop session with an OS keychain. */
  keychain?: boolean
  /** On this DevStack node rather than on the machine itself. */
  node?: DevstackNode
  env?: Record<string, string>
}

function bash(script: string, opts: BashOptions = {}): Promise<{code: number | null; stdout: string; stderr: string}> {
  // The keychain: a private session bus with an unlocked gnome-keyring, as a desktop session has.
  const keyring = 'printf mrctl-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n'
  const args = opts.keychain ? ['dbus-run-session', '--', 'bash', '-c', keyring + script] : opts.node ? opts.node.argv(script) : ['bash', '-c', script]
  return new Promise((resolve, reject) => {
    const child = spawn(args[0], args.slice(1), {cwd: work, env: {...userEnv(), ...opts.env}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/**
 * Reads output in order: next(line) finds the first line after the previous match that is (or
 * matches) `line` and fails the test when there is none; rest() is what follows the last match.
 */
function inOrder(output: string): {next(line: RegExp | string): string; rest(): string[]} {
  const lines = output.split('\n')
  let at = 0
  return {
    next(line) {
      const i = lines.findIndex((l, j) => j >= at && (typeof line === 'string' ? l === line : line.test(l)))
      expect(i, `no ${line} after line ${at} of:\n${output}`).toBeGreaterThanOrEqual(0)
      at = i + 1
      return lines[i]
    },
    rest: () => lines.slice(at),
  }
}

/** A block as written, stopping at the first command that fails. */
const runBlock = (b: Block, opts?: BashOptions) => bash(`set -e\n${b.text}\n`, opts)

mkdirSync(work, {recursive: true})
mkdirSync(shims)
writeFileSync(join(shims, 'mrctl'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'run.js')}" "$@"\n`, {mode: 0o755})
const real = (YAML.parse(readFileSync(CLOUDS, 'utf8')) as {clouds: Record<string, unknown>}).clouds[ADMIN_CLOUD]
writeFileSync(join(work, 'clouds.yaml'), YAML.stringify({clouds: {mycloud: real}}), {mode: 0o600})
chmodSync(join(work, 'clouds.yaml'), 0o600)

/** What a test made beyond its block (emulators, images, pods, a DevStack node), undone in reverse order. */
const undo: Array<() => Promise<unknown> | unknown> = []

afterAll(async () => {
  for (const step of undo.reverse()) await Promise.resolve(step()).catch(() => undefined)
  // Whatever a failed block left: the simulator and the guide's container and network.
  const cleanup = [
    'export OS_CLIENT_CONFIG_FILE=' + CLOUDS + ' OS_CLOUD=real-openstack',
    'mrctl --os-region-name RegionOne appcontainer delete --force --wait c1 >/dev/null 2>&1',
    'mrctl network delete container-net >/dev/null 2>&1',
    'for r in CentralRegion RegionOne RegionTwo; do mrctl security group delete readme-web --os-region-name $r >/dev/null 2>&1; done',
    'mrctl sim down >/dev/null 2>&1',
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
      'Quick start with a real cloud',
      'No cloud at all: the simulator',
      'No cloud at all: the simulator',
      'The Zun and Tricircle emulators over a real cloud',
      'One place for every region: overview, quotas, IPs, sync, logs',
      'Set up a multi-pod DevStack for containers: `mrctl devstack`',
    ])
    // The setup block is CI's own job (.ci/run runs it); running npm ci inside the tests would
    // replace the node_modules they run from.
    expect(blocks[0].text.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim())).toEqual(['npm ci && npm run demo', 'npm test'])
  })

  it('Set up: `npm run demo` (after CI’s own npm ci) builds and runs the demo on a simulated cloud, which it leaves behind as nothing', async () => {
    const line = blocks[0].text.split('\n')[0].replace(/\s+#.*$/, '').trim()
    expect(line.startsWith('npm ci && ')).toBe(true)
    const tmp = mkdtempSync(join(tmpdir(), 'mrctl-readme-demo-'))
    const r = await bash(`set -e\ncd '${ROOT}'\n${line.slice('npm ci && '.length)}\n`, {env: {TMPDIR: tmp}})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^pods: CentralRegion \(central\), RegionOne \(az az1\), RegionTwo \(az az2\)$/m)
    expect(r.stdout).toMatch(/^ {2}RegionTwo +container02 +Running +10\.0\.60\.\d+$/m)
    expect(r.stdout).toMatch(/^ {2}member 10\.0\.60\.\d+:5000 +container in RegionTwo +ACTIVE\//m)
    expect(r.stdout).toMatch(/^reachability: container01 → container02 \(10\.0\.60\.\d+\): reachable/m)
    expect(r.stdout).toMatch(/^timing: \d+ API calls, \d+\.\d s wall time, 1 token issued$/m)
    expect(r.stdout).toMatch(/^destroyed: everything the demo made/m)
    expect(r.stderr).toMatch(/^done {6}RegionOne {6}create loadbalancer container-lb /m)
    expect(readdirSync(tmp)).toEqual([])
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

  it(`the demo on the user's cloud (${TARGET} target): made, shown, removed, pods included`, async () => {
    // Zun and Tricircle (real target: the emulators over the real services, stopped again before the blocks that start their own).
    const emulators = await startEmulators()
    try {
      writeFileSync(join(work, 'container_cirros'), Buffer.alloc(64 * 1024, 3))
      const r = await runBlock(blocks[3])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/^mrctl demo on cloud mycloud$/m)
      expect(r.stdout).toMatch(/^ {2}RegionOne +container01 +Running +10\.0\.60\.\d+$/m)
      // The VIP: an address of the central subnet under Tricircle (sim); the real Octavia's noop driver hands out its own.
      expect(r.stdout).toMatch(/^load balancer: container-lb in RegionOne, VIP \d+\.\d+\.\d+\.\d+, ACTIVE\//m)
      expect(r.stdout).toMatch(/^destroyed: everything the demo made \(7 deletions, then the pods of RegionTwo, RegionOne, CentralRegion\)$/m)
      const pods = await mrctl(['multiregion', 'networking', 'pod', 'list', '-f', 'value'])
      expect(pods.code, pods.stderr).toBe(0)
      expect(pods.stdout).toBe('')
    } finally {
      await emulators.stop()
    }
  })

  it('test your own scripts with the sim: the demo kept in a background sim, eval sim env, its containers listed, sim down', async () => {
    const r = await runBlock(blocks[5])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^kept: the deployment and the sim run in the background/m)
    expect(r.stdout).toMatch(/^\| RegionOne +\| [0-9a-f-]{36} \| container01 +\|/m)
    expect(r.stdout).toMatch(/^\| RegionTwo +\| [0-9a-f-]{36} \| container02 +\|/m)
    expect(r.stdout).toMatch(/simulator \(pid \d+\) stopped\n$/)
  })

  it('no cloud at all: sim up --detach, eval sim env, the real openstack client and mrctl against it, sim down', async () => {
    const r = await runBlock(blocks[4])
    expect(r.code, r.stderr).toBe(0)
    // A new sim is empty: both lists print nothing (as openstack does for an empty list), and succeed.
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^simulated cloud: 3 regions \(CentralRegion, RegionOne, RegionTwo\)/)
    expect(r.stdout).toMatch(/simulator \(pid \d+\) stopped\n$/)
  })

  it('the emulators over a real cloud: sim up --cloud, pod, the guide’s network, run --wait, exec, list, delete, down', async () => {
    const r = await runBlock(blocks[6])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/inet 10\.0\.10\.\d+\/24/)
    expect(r.stdout).toMatch(/\| RegionOne \| [0-9a-f-]{36} \| c1 /)
    expect(r.stdout).toContain('Delete for container c1 success.')
    expect(r.stdout).toMatch(/simulator \(pid \d+\) stopped/)
  })

  it('DevStack: local.conf per node, check-source then patch -p1, configure --dry-run and sudo --restart, pods, verify (exit 0), on a node made in a mount namespace', async () => {
    expect(process.getuid?.(), 'the DevStack block runs in a private mount namespace (unshare --mount): run this test as root').toBe(0)
    const hostPaths = ['/opt/stack', '/etc/zun', '/etc/kuryr', '/usr/local/bin/mrctl']
    const hostBefore = hostPaths.map((p) => existsSync(p))
    const systemctlBefore = readFileSync('/usr/bin/systemctl')

    const emulators = await startEmulators()
    undo.push(() => emulators.stop())
    const podList = async () => {
      const r = await mrctl(['multiregion', 'networking', 'pod', 'list', '-f', 'json'])
      expect(r.code, r.stderr).toBe(0)
      return r.json as Array<Record<string, string>>
    }
    const deletePods = async () => {
      for (const p of await podList()) expect((await mrctl(['multiregion', 'networking', 'pod', 'delete', p.ID])).code).toBe(0)
    }
    await deletePods()
    undo.push(deletePods)
    // The guide's How to play, step 1, which verify checks: a docker-format image in each Zun region.
    const image = join(home, 'container_cirros')
    writeFileSync(image, Buffer.alloc(32 * 1024, 7))
    const images: Array<{region: string; id: string}> = []
    const deleteImages = async () => {
      for (const i of images.splice(0)) expect((await mrctl(['image', 'delete', '--os-region-name', i.region, i.id])).code).toBe(0)
    }
    undo.push(deleteImages)
    for (const region of ['RegionOne', 'RegionTwo']) {
      const r = await mrctl(['image', 'create', '--os-region-name', region, '--file', image, '--container-format', 'docker', '--disk-format', 'raw', uniqueName('container_cirros'), '-f', 'json'])
      expect(r.code, r.stderr).toBe(0)
      images.push({region, id: r.json.id})
    }
    const node = devstackNode({fixtures: FIXTURES, mrctl: join(shims, 'mrctl')})
    undo.push(() => node.remove())

    // As the block's comment says: OS_CLOUD is the admin cloud (the user's ./clouds.yaml), OS_REGION_NAME unset.
    const r = await runBlock(blocks[8], {node, env: {OS_CLOUD: 'mycloud'}})
    expect(r.code, r.stderr).toBe(0)
    const patchFile = join(work, 'region-name.patch')
    expect(r.stderr).toBe(`Wrote node1-local.conf\nWrote node2-local.conf\nWrote region-name.patch: review it, then apply it with: cd /opt/stack && patch -p1 < ${patchFile}\n`)

    // 1. One local.conf per node, side by side; no password in them, so not private.
    const node1 = readFileSync(join(work, 'node1-local.conf'), 'utf8')
    const node2 = readFileSync(join(work, 'node2-local.conf'), 'utf8')
    for (const f of ['node1-local.conf', 'node2-local.conf']) expect(statSync(join(work, f)).mode & 0o777).toBe(0o644)
    expect(node1).toContain('\nHOST_IP=10.250.201.24\nREGION_NAME=RegionOne\nKEYSTONE_REGION_NAME=RegionOne\n')
    expect(node1).toContain('\nCENTRAL_REGION_NAME=CentralRegion\nTRICIRCLE_START_SERVICES=True\n')
    expect(node2).toContain('\nHOST_IP=10.250.201.25\nREGION_NAME=RegionTwo\nKEYSTONE_REGION_NAME=RegionOne\nSERVICE_HOST=$HOST_IP\nKEYSTONE_SERVICE_HOST=10.250.201.24\nKEYSTONE_AUTH_HOST=10.250.201.24\n')
    expect(node2).toContain('\nTRICIRCLE_START_SERVICES=False\n')
    for (const conf of [node1, node2]) {
      expect(conf).toContain('\nenable_plugin zun https://opendev.org/openstack/zun\n')
      expect(conf).toContain('\nenable_plugin kuryr-libnetwork https://opendev.org/openstack/kuryr-libnetwork\n')
      expect(conf).toContain('\nKURYR_CAPABILITY_SCOPE=local\nKURYR_PROCESS_EXTERNAL_CONNECTIVITY=False\n')
    }

    // What the block printed, command by command.
    const {next, rest} = inOrder(r.stdout)
    // 2. check-source finds both functions unpatched (exit 1), patch -p1 applies the diff it wrote, then both pass.
    next(/^\| zun +\| neutron\(\) +\| \/opt\/stack\/zun\/zun\/common\/clients\.py +\| does not pass region_name \|/)
    next(/^\| kuryr +\| get_neutron_client\(\) \| \/opt\/stack\/kuryr\/kuryr\/lib\/utils\.py +\| does not pass region_name \|/)
    next('patching file zun/zun/common/clients.py')
    next('patching file kuryr/kuryr/lib/utils.py')
    next(/^\| zun +\| neutron\(\) +\| \/opt\/stack\/zun\/zun\/common\/clients\.py +\| passes region_name \|/)
    next(/^\| kuryr +\| get_neutron_client\(\) \| \/opt\/stack\/kuryr\/kuryr\/lib\/utils\.py +\| passes region_name \|/)
    for (const f of ['zun/zun/common/clients.py', 'kuryr/kuryr/lib/utils.py']) {
      expect(readFileSync(node.written(`/opt/stack/${f}`))).toEqual(readFileSync(join(FIXTURES, 'source/patched', f)))
    }
    // 3. The dry run's diff (passwords masked), then sudo writes both files, keeps backups and restarts through systemctl.
    const dryRun = r.stdout.slice(r.stdout.indexOf('--- a/etc/zun/zun.conf\n'), r.stdout.indexOf('Dry run: nothing was written.\n'))
    expect(dryRun).toContain('--- a/etc/zun/zun.conf\n+++ b/etc/zun/zun.conf\n@@ -77,6 +77,7 @@\n')
    expect(dryRun).toContain(' #region_name = <None>\n+region_name = RegionOne\n')
    expect(dryRun).toContain('--- a/etc/kuryr/kuryr.conf\n+++ b/etc/kuryr/kuryr.conf\n')
    expect(dryRun).toContain(' endpoint_type = public\n+region_name = RegionOne\n')
    for (const secret of ['kuryr-pass-41be', 'service-pass-9c2d', 'rabbit-pass-0f3e', 'db-pass-77a1']) expect(r.stdout).not.toContain(secret)
    next('Dry run: nothing was written.')
    const zunBackup = next(/^\/etc\/zun\/zun\.conf: \[neutron_client\] region_name = RegionOne \(added\); backup \/etc\/zun\/zun\.conf\.mrctl-backup-\d{8}T\d{6}Z$/).split('backup ')[1]
    const kuryrBackup = next(/^\/etc\/kuryr\/kuryr\.conf: \[neutron\] region_name = RegionOne \(added\); backup \/etc\/kuryr\/kuryr\.conf\.mrctl-backup-\d{8}T\d{6}Z$/).split('backup ')[1]
    next('Restarted devstack@zun*')
    next('Restarted devstack@kur*')
    expect(node.systemctlCalls()).toEqual(['uid=0 SUDO_USER=root systemctl restart devstack@zun*', 'uid=0 SUDO_USER=root systemctl restart devstack@kur*'])
    expect(readFileSync(node.written('/etc/zun/zun.conf'))).toEqual(readFileSync(join(FIXTURES, 'zun.conf.expected')))
    expect(readFileSync(node.written('/etc/kuryr/kuryr.conf'))).toEqual(readFileSync(join(FIXTURES, 'kuryr.conf.expected')))
    expect(readFileSync(node.written(zunBackup))).toEqual(readFileSync(join(FIXTURES, 'zun.conf')))
    expect(readFileSync(node.written(kuryrBackup))).toEqual(readFileSync(join(FIXTURES, 'kuryr.conf')))
    for (const b of [zunBackup, kuryrBackup]) expect(statSync(node.written(b)).mode & 0o777).toBe(0o600)
    // Nothing else was written under /etc, /opt or /usr/local/bin (the setup put the fixtures and mrctl there).
    expect(node.writtenFiles('/etc')).toEqual(['kuryr/kuryr.conf', kuryrBackup.slice('/etc/'.length), 'zun/zun.conf', zunBackup.slice('/etc/'.length)])
    expect(node.writtenFiles('/opt')).toEqual(['stack/kuryr/kuryr/lib/utils.py', 'stack/zun/zun/common/clients.py'])
    expect(node.writtenFiles('/usr/local/bin')).toEqual(['mrctl'])

    // 4. and 5. The three pods, created on the Tricircle emulator.
    next(/^\| Region Name +\| Availability Zone \| Pod ID +\| Result +\|$/)
    const podIds = [next(/^\| CentralRegion \| {19}\| [0-9a-f-]{36} \| created \|$/), next(/^\| RegionOne {5}\| az1 {15}\| [0-9a-f-]{36} \| created \|$/), next(/^\| RegionTwo {5}\| az2 {15}\| [0-9a-f-]{36} \| created \|$/)].map((l) => l.split('|')[3].trim())
    const pods = await podList()
    expect(pods.map((p) => [p['Region Name'], p.ID]).sort()).toEqual([['CentralRegion', podIds[0]], ['RegionOne', podIds[1]], ['RegionTwo', podIds[2]]])
    const az = await Promise.all(podIds.map(async (id) => (await mrctl(['multiregion', 'networking', 'pod', 'show', id, '-f', 'value', '-c', 'az_name'])).stdout.trim()))
    expect(az).toEqual(['', 'az1', 'az2'])

    // verify: every check passes but RegionTwo's catalog (no load balancer there), so exit 0.
    next(/^\| Check +\| Region +\| Result \| Latency \(ms\) \| Detail +\| Hint +\|$/)
    const rows = rest().filter((l) => /^\| \S/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    expect(rows.filter(([, , result]) => result !== 'pass').map(([check, region, result]) => [check, region, result])).toEqual([['catalog', 'RegionTwo', 'warn']])
    const detail = (check: string, region: string) => rows.find((c) => c[0] === check && c[1] === region)?.[4]
    expect(detail('pods', 'CentralRegion')).toBe('CentralRegion (central), RegionOne (az1), RegionTwo (az2)')
    expect(detail('pod AZ', 'RegionOne')).toBe(`availability zone az1 (pod ${podIds[1]})`)
    expect(detail('pod AZ', 'RegionTwo')).toBe(`availability zone az2 (pod ${podIds[2]})`)
    expect(detail('zun.conf region_name', 'RegionOne')).toBe('/etc/zun/zun.conf: [neutron_client] region_name = RegionOne')
    expect(detail('kuryr.conf region_name', 'RegionOne')).toBe('/etc/kuryr/kuryr.conf: [neutron] region_name = RegionOne')

    // This machine's own files are as they were, and what the test made is gone.
    expect(hostPaths.map((p) => existsSync(p))).toEqual(hostBefore)
    expect(readFileSync('/usr/bin/systemctl')).toEqual(systemctlBefore)
    await deletePods()
    expect(await podList()).toEqual([])
    const made = [...images]
    await deleteImages()
    for (const i of made) {
      const left = await mrctl(['image', 'list', '--os-region-name', i.region, '-f', 'value', '-c', 'ID'])
      expect(left.code, left.stderr).toBe(0)
      expect(left.stdout.split('\n')).not.toContain(i.id)
    }
    // Its emulators hold the catalog's fixed ports, which the next block's `sim serve --cloud` needs.
    await emulators.stop()
  })

  it('one place for every region: overview, quota totals, IP conflicts, security group sync (and its cleanup)', async () => {
    const r = await runBlock(blocks[7])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\|\s+\|\s+CentralRegion \|\s+RegionOne \|\s+RegionTwo \|\s+Total \|$/m)
    expect(r.stdout).toMatch(/^\| Total +\| network +\| networks +\|/m)
    expect(r.stdout).toMatch(/^\| RegionOne \| readme-web +\|\s+1 \|\s+0 \| would change \|/m)
    expect(r.stdout).toMatch(/^\| RegionTwo \| readme-web +\|\s+1 \|\s+0 \| synced +\|/m)
  })
})
