// Fidelity proof: the real python `openstack appcontainer` client (python3-zunclient) against the
// Zun emulator (real target: `mrctl sim up --cloud`, backed by the real Keystone, Neutron and
// Glance; sim target: the simulated cloud's).
import {execFile} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, startEmulators, tempConfigDir, uniqueName} from './harness.js'

const exec = promisify(execFile)
const dir = tempConfigDir()
const OS_ENV = {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD}

/** The real openstack client; resolves with its exit code and output instead of throwing. */
async function openstack(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec('openstack', args, {env: OS_ENV, timeout: 120_000})
    return {code: 0, stdout: r.stdout, stderr: r.stderr}
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''}
  }
}

const names = {net: uniqueName('zrc-net'), subnet: uniqueName('zrc-subnet'), image: uniqueName('zrc-image'), container: uniqueName('zrc')}
let netId = ''
let imageId = ''
let emulators: {stop(): Promise<void>} | undefined

beforeAll(async () => {
  emulators = await startEmulators(['zun'])
  const file = join(dir, 'image.tar')
  writeFileSync(file, Buffer.alloc(16 * 1024, 1))
  const img = await openstack(['--os-region-name', 'RegionOne', 'image', 'create', '--container-format', 'docker', '--disk-format', 'raw', '--file', file, names.image, '-f', 'value', '-c', 'id'])
  expect(img.code).toBe(0)
  imageId = img.stdout.trim()
  const net = await openstack(['--os-region-name', 'CentralRegion', 'network', 'create', names.net, '-f', 'value', '-c', 'id'])
  expect(net.code).toBe(0)
  netId = net.stdout.trim()
  const sub = await openstack(['--os-region-name', 'CentralRegion', 'subnet', 'create', '--network', netId, '--subnet-range', '10.0.61.0/24', names.subnet])
  expect(sub.code).toBe(0)
})

afterAll(async () => {
  await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'delete', '--force', names.container])
  if (netId) await openstack(['--os-region-name', 'CentralRegion', 'network', 'delete', netId])
  if (imageId) await openstack(['--os-region-name', 'RegionOne', 'image', 'delete', imageId])
  await emulators?.stop()
})

describe('python-zunclient against the emulated Zun', () => {
  it('runs a container with --wait, on a real Neutron network, from a real Glance image', async () => {
    const r = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'run', '--name', names.container, '--net', `network=${netId}`, '--image-driver', 'glance', '--wait', imageId, 'sleep', '3600'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(names.container)
  })

  it('lists and shows it as Running with an address from the subnet', async () => {
    const list = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'list', '-f', 'json'])
    expect(list.code).toBe(0)
    const row = JSON.parse(list.stdout).find((c: {name: string}) => c.name === names.container)
    expect(row.status).toBe('Running')
    expect(row.addresses).toMatch(/^10\.0\.61\.\d+$/)
    const show = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'show', names.container, '-f', 'json'])
    expect(show.code).toBe(0)
    const c = JSON.parse(show.stdout)
    expect(c.image).toBe(imageId)
    expect(c.command).toEqual(['sleep', '3600'])
    expect(c.networks).toBe(netId)
  })

  it('executes a command and prints its output', async () => {
    const r = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'exec', names.container, 'echo', 'hello'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('hello')
  })

  it('stops and deletes it, and it is gone', async () => {
    const del = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'delete', '--stop', '--wait', names.container])
    expect(del.code).toBe(0)
    const show = await openstack(['--os-region-name', 'RegionOne', 'appcontainer', 'show', names.container])
    expect(show.code).toBe(1)
    expect(show.stderr).toContain(`Container ${names.container} could not be found. (HTTP 404)`)
  })
})
