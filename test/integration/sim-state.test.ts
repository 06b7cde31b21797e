// Zun's containers in the simulator's saved state, as a user sees them: a container run on a
// `--state DIR` sim is still there (same ID, status, address, port; exec works) after `sim down`
// and `sim up --state DIR`, and comes back with `sim snapshot load` after `sim reset`. The sim is
// this file's own (free ports, its own config folder), so it runs the same on both targets.
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {mrctl, tempConfigDir} from './harness.js'

const configDir = tempConfigDir()
const state = mkdtempSync(join(tmpdir(), 'mrctl-it-state-'))
let simEnv: Record<string, string | undefined> = {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}
const run = (args: string[]) => mrctl(args, {configDir, env: simEnv})
const R1 = ['--os-region-name', 'RegionOne']

async function up(): Promise<void> {
  const r = await mrctl(['sim', 'up', '--detach', '--time', 'immediate', '--state', state], {configDir, env: {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}})
  expect(r.code, r.stderr).toBe(0)
  const m = /^export OS_CLOUD='(sim)' OS_CLIENT_CONFIG_FILE='([^']+)'$/.exec((await mrctl(['sim', 'env'], {configDir})).stdout.trim())
  simEnv = {OS_CLOUD: m![1], OS_CLIENT_CONFIG_FILE: m![2]}
}

afterAll(async () => {
  await mrctl(['sim', 'down'], {configDir})
})

async function container(): Promise<{id: string; status: string; addresses: string}> {
  const r = await run([...R1, 'appcontainer', 'show', 'kept', '-f', 'json'])
  expect(r.code, r.stderr).toBe(0)
  return {id: r.json.uuid, status: r.json.status, addresses: r.json.addresses}
}

describe('Zun containers in the saved state of the sim', () => {
  it('survive sim down and sim up --state DIR: same ID, Running, same address and port; exec works; delete releases the port', async () => {
    await up()
    expect((await run(['network', 'create', 'kept-net'])).code).toBe(0)
    expect((await run(['subnet', 'create', 'kept-sub', '--network', 'kept-net', '--subnet-range', '10.42.0.0/24'])).code).toBe(0)
    const made = await run([...R1, 'appcontainer', 'run', '--name', 'kept', '--net', 'network=kept-net', '--wait', 'cirros', 'sleep', '3600'])
    expect(made.code, made.stderr).toBe(0)
    const before = await container()
    expect(before.status).toBe('Running')
    const down = await mrctl(['sim', 'down'], {configDir})
    expect(down.stdout).toMatch(/simulator \(pid \d+\) stopped/)

    await up()
    expect(await container()).toEqual(before)
    const ports = await run([...R1, 'port', 'list', '--device-id', before.id, '-f', 'value', '-c', 'Fixed IP Addresses'])
    expect(ports.stdout).toContain(`'ip_address': '${before.addresses}'`)
    const exec = await run([...R1, 'appcontainer', 'exec', 'kept', 'ip', '-4', 'addr'])
    expect(exec.code, exec.stderr).toBe(0)
    expect(exec.stdout).toContain(`inet ${before.addresses}/24`)
  })

  it('come back with sim snapshot load after sim reset', async () => {
    const before = await container()
    const file = join(mkdtempSync(join(tmpdir(), 'mrctl-it-snap-')), 'snap.json')
    expect((await mrctl(['sim', 'snapshot', 'save', file], {configDir})).code).toBe(0)
    expect((await mrctl(['sim', 'reset'], {configDir})).code).toBe(0)
    expect((await run([...R1, 'appcontainer', 'list', '-f', 'value', '-c', 'name'])).stdout.trim()).toBe('')
    expect((await mrctl(['sim', 'snapshot', 'load', file], {configDir})).code).toBe(0)
    expect(await container()).toEqual(before)
    const del = await run([...R1, 'appcontainer', 'delete', '--force', '--wait', 'kept'])
    expect(del.code, del.stderr).toBe(0)
    expect((await run([...R1, 'port', 'list', '--device-id', before.id, '-f', 'value', '-c', 'ID'])).stdout.trim()).toBe('')
  })
})
