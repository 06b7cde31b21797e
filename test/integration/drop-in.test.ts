/**
 * mrctl as a drop-in for `openstack` (issue 9), against the real services: global options where
 * `openstack` takes them, exit 3 for a partial multi-item failure, the "it exists in another
 * region" hint, and interrupts (Ctrl-C) that say what exists, with a remove command that works
 * when pasted. Every resource made here has a unique name and is removed at the end.
 */
import {spawn} from 'node:child_process'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, mrctl, ROOT, tempConfigDir, uniqueName} from './harness.js'

const configDir = tempConfigDir()
const prefix = uniqueName('w9')
const central = {net: `${prefix}-cnet`, subnet: `${prefix}-csub`, subnetId: ''}

/** The CLI as a child we can signal: `signalWhen` sends SIGINT once stderr matches it. */
function interruptible(args: string[], signalWhen: RegExp, times = 1): Promise<{code: number | null; stdout: string; stderr: string}> {
  const env = {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD, MRCTL_CONFIG_DIR: configDir, NO_COLOR: '1'}
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    let sent = 0
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      if (sent < times && signalWhen.test(stderr)) {
        sent++
        child.kill('SIGINT')
      }
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** Runs a pasted command line (the words after `mrctl`), as a user pastes it. */
function pasted(line: string) {
  const words = line.replace(/^mrctl /, '').split(' ')
  return mrctl(words, {configDir})
}

beforeAll(async () => {
  expect((await mrctl(['--os-region-name', 'CentralRegion', 'network', 'create', central.net], {configDir})).code).toBe(0)
  const s = await mrctl(['--os-region-name', 'CentralRegion', 'subnet', 'create', central.subnet, '--network', central.net, '--subnet-range', '10.251.7.0/24', '-f', 'json'], {configDir})
  expect(s.code).toBe(0)
  central.subnetId = s.json.id
})

afterAll(async () => {
  await mrctl(['--os-region-name', 'CentralRegion', 'subnet', 'delete', central.subnet], {configDir})
  await mrctl(['--os-region-name', 'CentralRegion', 'network', 'delete', central.net], {configDir})
  const lbs = await mrctl(['--os-region-name', 'RegionOne', 'loadbalancer', 'list', '-f', 'json'], {configDir})
  for (const lb of (lbs.json ?? []) as Array<{id: string; name: string}>) {
    if (lb.name.startsWith(prefix)) await mrctl(['--os-region-name', 'RegionOne', 'loadbalancer', 'delete', '--cascade', '--wait', lb.id], {configDir})
  }
})

describe('global options where openstack takes them', () => {
  it('`mrctl --os-region-name RegionOne image list -f json` (the guides’ form) lists RegionOne’s Glance', async () => {
    const before = await mrctl(['--os-region-name', 'RegionOne', 'image', 'list', '-f', 'json'], {configDir})
    const after = await mrctl(['image', 'list', '-f', 'json', '--os-region-name', 'RegionOne'], {configDir})
    expect(before.code).toBe(0)
    expect(before.json).toEqual(after.json)
  })

  it('`mrctl --json network list` prints the envelope; `network --os-region-name R list` runs the command', async () => {
    const r = await mrctl(['--json', '--os-region-name', 'CentralRegion', 'network', 'list'], {configDir})
    expect(r.code).toBe(0)
    expect(r.json.status).toBe(0)
    expect((r.json.result as Array<{Name: string}>).map((n) => n.Name)).toContain(central.net)
    const between = await mrctl(['network', '--os-region-name', 'CentralRegion', 'list', '-f', 'value', '-c', 'Name'], {configDir})
    expect(between.stdout.split('\n')).toContain(central.net)
  })
})

describe('exit codes mean one thing', () => {
  it('`network delete <one that exists> <one that does not>`: exit 3, the envelope lists done and failed', async () => {
    const name = `${prefix}-del`
    expect((await mrctl(['--os-region-name', 'CentralRegion', 'network', 'create', name], {configDir})).code).toBe(0)
    const r = await mrctl(['--os-region-name', 'CentralRegion', '--json', 'network', 'delete', name, `${prefix}-nosuch`], {configDir})
    expect(r.code).toBe(3)
    expect(r.json).toMatchObject({status: 3, message: '1 of 2 networks failed to delete.'})
    expect(r.json.data.done).toEqual([name])
    expect(r.json.data.failed).toEqual([{item: `${prefix}-nosuch`, message: `No Network found for ${prefix}-nosuch`}])
    const none = await mrctl(['--os-region-name', 'CentralRegion', 'network', 'delete', `${prefix}-nosuch`], {configDir})
    expect(none.code).toBe(1)
  })
})

describe('a name found in another region gets a hint naming it', () => {
  it('`loadbalancer create --vip-subnet-id <CentralRegion subnet>` in RegionOne: the region and its ID', async () => {
    const r = await mrctl(['--os-region-name', 'RegionOne', 'loadbalancer', 'create', '--name', `${prefix}-nolb`, '--vip-subnet-id', central.subnet], {configDir})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Unable to locate ${central.subnet} in subnets\n`)
    expect(r.stderr).toContain(`  ${central.subnet} exists in CentralRegion (ID ${central.subnetId}): give its ID (it is taken as it is), or add --os-region-name CentralRegion\n`)
  })

  it('`network show <CentralRegion network>` in RegionTwo', async () => {
    const r = await mrctl(['--os-region-name', 'RegionTwo', 'network', 'show', central.net], {configDir})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`  ${central.net} exists in CentralRegion \\(ID [0-9a-f-]{36}\\): add --os-region-name CentralRegion\\n`))
  })
})

describe('interrupts that say what exists', () => {
  const firstPoll = /RESP: \[200\] \S+\/v2\/lbaas\/loadbalancers\/[0-9a-f-]{36} /

  it('Ctrl-C during `loadbalancer create --wait`: its ID, state and a delete command that works when pasted', async () => {
    const name = `${prefix}-int`
    const r = await interruptible(['--os-region-name', 'RegionOne', 'loadbalancer', 'create', '--name', name, '--vip-subnet-id', central.subnetId, '--wait', '--debug'], firstPoll)
    expect(r.code).toBe(130)
    const m = new RegExp(`^load balancer ${name} \\(id ([0-9a-f-]{36})\\) was created in RegionOne and is PENDING_CREATE; delete it with: (mrctl .*)$`, 'm').exec(r.stderr)
    expect(m, r.stderr).not.toBeNull()
    expect(m![2]).toBe(`mrctl --os-region-name RegionOne loadbalancer delete --cascade ${m![1]}`)
    // Octavia refuses a delete while PENDING_CREATE: wait for ACTIVE, then paste the command.
    for (let i = 0; i < 100; i++) {
      const s = await mrctl(['--os-region-name', 'RegionOne', 'loadbalancer', 'show', m![1], '-f', 'value', '-c', 'provisioning_status'], {configDir})
      if (s.stdout.trim() === 'ACTIVE') break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const del = await pasted(m![2])
    expect(del.code).toBe(0)
  })

  it('--rm-on-interrupt: the load balancer is deleted and gone before exit 130', async () => {
    const name = `${prefix}-rm`
    const r = await interruptible(['--os-region-name', 'RegionOne', 'loadbalancer', 'create', '--name', name, '--vip-subnet-id', central.subnetId, '--wait', '--rm-on-interrupt', '--debug'], firstPoll)
    expect(r.code).toBe(130)
    expect(r.stderr).toMatch(/Deleted load balancer [0-9a-f-]{36} \(--rm-on-interrupt\)\./)
    const list = await mrctl(['--os-region-name', 'RegionOne', 'loadbalancer', 'list', '--name', name, '-f', 'json'], {configDir})
    expect(list.json).toEqual([])
  })

  it('Ctrl-C during a six-item `network delete`: the summary, and the command for the rest works when pasted', async () => {
    const names = Array.from({length: 6}, (_, i) => `${prefix}-n${i}`)
    for (const n of names) expect((await mrctl(['--os-region-name', 'CentralRegion', 'network', 'create', n], {configDir})).code).toBe(0)
    const secondDelete = /(RESP: \[204\] \S+\/v2\.0\/networks\/[0-9a-f-]{36} [\s\S]*){2}/
    const r = await interruptible(['--os-region-name', 'CentralRegion', 'network', 'delete', ...names, '--debug'], secondDelete)
    expect(r.code).toBe(130)
    const done = /^(\d) of 6 networks done/m.exec(r.stderr)
    expect(done, r.stderr).not.toBeNull()
    const rest = /^to delete the rest: (mrctl .*)$/m.exec(r.stderr)
    expect(rest, r.stderr).not.toBeNull()
    expect(rest![1]).toMatch(/^mrctl --os-region-name CentralRegion network delete /)
    const again = await pasted(rest![1])
    // The one under way may have been deleted already: then exit 3, the others deleted.
    expect([0, 3]).toContain(again.code)
    const left = await mrctl(['--os-region-name', 'CentralRegion', 'network', 'list', '-f', 'value', '-c', 'Name'], {configDir})
    for (const n of names) expect(left.stdout.split('\n')).not.toContain(n)
  })
})
