// The container guide's "How to play" (shared/docs/seeds/002_…), end to end with mrctl commands
// only, against Keystone/Neutron/Glance and the Zun and Tricircle emulators of the target.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {endpoint, mrctl, startEmulators, T, tempConfigDir, uniqueName} from './harness.js'

const dir = tempConfigDir()
const run = (args: string[], env?: Record<string, string | undefined>) => mrctl(args, {configDir: dir, env})
const PASSWORD = T.admin.password
let emulators: {stop(): Promise<void>} | undefined

const names = {net: uniqueName('container-net'), subnet: uniqueName('container-subnet'), image: uniqueName('container_cirros')}
const created = {
  images: [] as Array<{region: string; id: string}>,
  pods: [] as string[],
  containers: [] as Array<{region: string; id: string}>,
  net: '',
}

async function neutronPorts(deviceId: string): Promise<Array<{device_owner: string; fixed_ips: Array<{ip_address: string}>}>> {
  const t = await run(['token', 'issue', '-f', 'value', '-c', 'id'])
  const res = await fetch(`${endpoint('network', 'CentralRegion')}/v2.0/ports?device_id=${deviceId}`, {headers: {'X-Auth-Token': t.stdout.trim()}})
  return ((await res.json()) as {ports: Array<{device_owner: string; fixed_ips: Array<{ip_address: string}>}>}).ports
}

beforeAll(async () => {
  emulators = await startEmulators(['zun', 'tricircle'])
})

afterAll(async () => {
  for (const c of created.containers) await run(['appcontainer', 'delete', '--os-region-name', c.region, '--force', c.id])
  for (const i of created.images) await run(['image', 'delete', '--os-region-name', i.region, i.id])
  if (created.net) await run(['network', 'delete', '--os-region-name', 'CentralRegion', created.net])
  for (const p of created.pods) await run(['multiregion', 'networking', 'pod', 'delete', p])
  await emulators?.stop()
})

describe('How to play (the multi-region container guide) with mrctl', () => {
  it('registers the three pods', async () => {
    for (const [region, az] of [['CentralRegion', undefined], ['RegionOne', 'az1'], ['RegionTwo', 'az2']] as const) {
      const r = await run(['multiregion', 'networking', 'pod', 'create', '--region-name', region, ...(az ? ['--availability-zone', az] : []), '-f', 'json'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.json.region_name).toBe(region)
      created.pods.push(r.json.pod_id)
    }
    const list = await run(['multiregion', 'networking', 'pod', 'list', '-f', 'json'])
    expect(list.json.map((p: {'Region Name': string}) => p['Region Name']).sort()).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
  })

  it('1: creates the docker-format image in RegionOne and RegionTwo', async () => {
    const file = join(dir, 'container_cirros')
    writeFileSync(file, Buffer.alloc(64 * 1024, 7))
    for (const region of ['RegionOne', 'RegionTwo']) {
      const r = await run(['image', 'create', '--os-region-name', region, '--file', file, '--container-format', 'docker', '--disk-format', 'raw', names.image, '-f', 'json'])
      expect(r.code).toBe(0)
      created.images.push({region, id: r.json.id})
      const list = await run(['image', 'list', '--os-region-name', region, '-f', 'json'])
      expect(list.json).toContainEqual(expect.objectContaining({Name: names.image, Status: 'active'}))
    }
  })

  it('2: creates container-net and container-subnet in CentralRegion', async () => {
    const net = await run(['network', 'create', '--os-region-name', 'CentralRegion', names.net, '-f', 'json'])
    expect(net.code).toBe(0)
    created.net = net.json.id
    const sub = await run(['subnet', 'create', '--os-region-name', 'CentralRegion', '--subnet-range', '10.0.60.0/24', '--network', names.net, names.subnet, '-f', 'json'])
    expect(sub.code).toBe(0)
    expect(sub.json.cidr).toBe('10.0.60.0/24')
  })

  it('3: runs container01 in RegionOne and container02 in RegionTwo on that network, both Running with real ports', async () => {
    for (const [region, name, image] of [
      ['RegionOne', uniqueName('container01'), created.images[0].id],
      ['RegionTwo', uniqueName('container02'), created.images[1].id],
    ]) {
      // As openstack does, everything after the image is the container's command: options go before it.
      const r = await run(['appcontainer', 'run', '--os-region-name', region, '-f', 'json', '--name', name, '--net', `network=${created.net}`, '--image-driver', 'glance', '--wait', image, 'sudo', 'nc', '-l', '-p', '5000'])
      expect(r.stderr).not.toContain(PASSWORD)
      expect(r.code).toBe(0)
      created.containers.push({region, id: r.json.uuid})
      const list = await run(['appcontainer', 'list', '--os-region-name', region, '-f', 'json'])
      const row = list.json.find((c: {name: string}) => c.name === name)
      expect(row.status).toBe('Running')
      expect(row.addresses).toMatch(/^10\.0\.60\.\d+$/)
      const ports = await neutronPorts(r.json.uuid)
      expect(ports.length).toBe(1)
      expect(ports[0].device_owner).toBe('compute:kuryr')
      expect(ports[0].fixed_ips[0].ip_address).toBe(row.addresses)
    }
  })

  it('4: executes a command in each container', async () => {
    for (const c of created.containers) {
      const r = await run(['appcontainer', 'exec', '--os-region-name', c.region, c.id, 'echo', 'hello from', c.region])
      expect(r.code).toBe(0)
      expect(r.stdout.trim()).toBe(`hello from ${c.region}`)
    }
  })

  it('deletes the containers, and their ports go with them', async () => {
    for (const c of created.containers.splice(0)) {
      const r = await run(['appcontainer', 'delete', '--os-region-name', c.region, '--stop', '--wait', c.id])
      expect(r.code).toBe(0)
      expect(await neutronPorts(c.id)).toEqual([])
    }
  })
})
