import {afterEach, describe, expect, it} from 'vitest'

import {withZunMinor} from '../../../src/clients/zun/client.js'
import {Transport} from '../../../src/http/transport.js'
import {ServiceClient} from '../../../src/http/service-client.js'
import {regionRunTable, runInRegions} from '../../../src/orchestration/container-run.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'

const TOKEN = 'tok-run'
const transport = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
const auth = {token: async () => TOKEN, refresh: async () => TOKEN}
const client = (fake: FakeServer, service: string, type: string, region: string, path: string) => new ServiceClient(transport, service, type, region, `${fake.url}${path}`, auth)

const NET = '5e73dda5-902b-4322-b5b6-4121437fde26'
const IMG = {RegionOne: '87864205-4352-4a2c-b9b1-ca95df52c93c', RegionTwo: 'cd062c19-bb3a-4f60-b5ef-9688eb67b3da'}
/** The create body for `--name c --net network=<id> --image-driver glance <image> sleep 60` at 1.40, written out. */
const body = (image: string) => ({
  name: 'c',
  image,
  image_driver: 'glance',
  command: ['sleep', '60'],
  nets: [{network: NET}],
})
const container = (region: 'RegionOne' | 'RegionTwo', status: string) => ({
  uuid: region === 'RegionOne' ? 'ca67055c-635d-4603-9b0b-19c16eed7ef9' : 'c359e48c-7637-4d9f-8219-95a4577683c3',
  name: 'c',
  image: IMG[region],
  status,
  status_reason: null,
  task_state: null,
  addresses: status === 'Running' ? {[NET]: [{addr: region === 'RegionOne' ? '10.0.60.62' : '10.0.60.134', version: 4, port: 'p', subnet_id: 's', preserve_on_delete: false}]} : null,
})

describe('appcontainer run in several regions', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  async function servers() {
    const neutron = await fakes.start('neutron')
    const glance = {RegionOne: await fakes.start('glance-r1'), RegionTwo: await fakes.start('glance-r2')}
    const zun = {RegionOne: await fakes.start('zun-r1'), RegionTwo: await fakes.start('zun-r2')}
    neutron
      .on({method: 'GET', path: '/v2.0/networks/container-net', token: TOKEN, reply: {status: 404, json: {NeutronError: {message: 'not found'}}}})
      .on({method: 'GET', path: '/v2.0/networks', query: {name: 'container-net'}, token: TOKEN, reply: {json: {networks: [{id: NET, name: 'container-net'}]}}})
    for (const r of ['RegionOne', 'RegionTwo'] as const) {
      glance[r].on({method: 'GET', path: '/v2/images/cirros', token: TOKEN, reply: {status: 404, text: 'not found'}})
    }
    const clients = {
      image: async (r: string) => client(glance[r as 'RegionOne'], 'Glance', 'image', r, '/v2'),
      network: async (r: string) => client(neutron, 'Neutron', 'network', r, '/v2.0'),
      container: async (r: string) => withZunMinor(client(zun[r as 'RegionOne'], 'Zun', 'container', r, '/v1'), 40),
    }
    return {neutron, glance, zun, clients}
  }
  const input = {
    regions: ['RegionOne', 'RegionTwo'],
    central: 'CentralRegion',
    opts: {image: 'cirros', name: 'c', imageDriver: 'glance', command: ['sleep', '60'], nets: [{network: 'container-net'}]},
    timeoutMs: 10_000,
  }

  it('resolves the image per region and the network once centrally, runs in both, waits to Running: one row per region', async () => {
    const s = await servers()
    for (const r of ['RegionOne', 'RegionTwo'] as const) {
      s.glance[r].on({method: 'GET', path: '/v2/images', query: {name: 'cirros'}, token: TOKEN, reply: {json: {images: [{id: IMG[r], name: 'cirros', status: 'active'}]}}})
      s.zun[r]
        .on({method: 'POST', path: '/v1/containers', query: {run: 'true'}, token: TOKEN, json: body(IMG[r]), reply: {status: 202, json: container(r, 'Creating')}})
        .on({method: 'GET', path: `/v1/containers/${container(r, 'x').uuid}`, token: TOKEN, reply: [{json: container(r, 'Creating')}, {json: container(r, 'Running')}]})
    }
    const out = await runInRegions(s.clients, {...input, wait: true})
    expect(out.exitCode).toBeUndefined()
    expect(regionRunTable(out.rows).rows).toEqual([
      ['RegionOne', 'ca67055c-635d-4603-9b0b-19c16eed7ef9', 'c', 'Running', '10.0.60.62', IMG.RegionOne, ''],
      ['RegionTwo', 'c359e48c-7637-4d9f-8219-95a4577683c3', 'c', 'Running', '10.0.60.134', IMG.RegionTwo, ''],
    ])
  })

  it('a region whose create fails is reported and the other goes on: exit 3', async () => {
    const s = await servers()
    for (const r of ['RegionOne', 'RegionTwo'] as const) {
      s.glance[r].on({method: 'GET', path: '/v2/images', query: {name: 'cirros'}, token: TOKEN, reply: {json: {images: [{id: IMG[r], name: 'cirros', status: 'active'}]}}})
    }
    s.zun.RegionOne.on({method: 'POST', path: '/v1/containers', query: {run: 'true'}, token: TOKEN, json: body(IMG.RegionOne), reply: {status: 202, json: container('RegionOne', 'Creating')}})
    s.zun.RegionTwo.on({method: 'POST', path: '/v1/containers', query: {run: 'true'}, token: TOKEN, json: body(IMG.RegionTwo), reply: {status: 409, json: {errors: [{status: 409, code: 'client', title: 'Conflict', detail: 'Quota exceeded for resources: containers'}]}}})
    const out = await runInRegions(s.clients, {...input, wait: false})
    expect(out.exitCode).toBe(3)
    expect(out.rows[0]).toMatchObject({region: 'RegionOne', status: 'Creating'})
    expect(out.rows[1]).toMatchObject({region: 'RegionTwo', error: 'Zun 409: Quota exceeded for resources: containers'})
  })

  it('an image missing from one region creates nothing anywhere, and says where to copy it', async () => {
    const s = await servers()
    s.glance.RegionOne.on({method: 'GET', path: '/v2/images', query: {name: 'cirros'}, token: TOKEN, reply: {json: {images: [{id: IMG.RegionOne, name: 'cirros'}]}}})
    s.glance.RegionTwo.on({method: 'GET', path: '/v2/images', query: {name: 'cirros'}, token: TOKEN, reply: {json: {images: []}}})
      .on({method: 'GET', path: '/v2/images', query: {name: 'cirros', os_hidden: 'true'}, token: TOKEN, reply: {json: {images: []}}})
    const err = await runInRegions(s.clients, {...input, wait: false}).catch((e) => e)
    expect(err.message).toMatch(/image cirros cannot be used in every region; nothing was created:\n {2}RegionTwo: No Image found for cirros/)
    expect(err.actions).toEqual(['copy it there first: mrctl image sync cirros --from REGION --to RegionTwo'])
    expect(s.zun.RegionOne.received).toEqual([])
    expect(s.zun.RegionTwo.received).toEqual([])
  })
})
