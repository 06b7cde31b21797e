// The Neutron operations against a loopback fake Neutron: the exact requests, and what the real
// service will not readily do (a tag call that fails after the create, so the create is undone).
import {afterEach, describe, expect, it} from 'vitest'

import {networkCreate, networkDelete, networkSet} from '../../../../src/clients/neutron/networks.js'
import {routerAddSubnet} from '../../../../src/clients/neutron/routers.js'
import {planSubnetCreate, subnetCreate} from '../../../../src/clients/neutron/subnets.js'
import {AmbiguousError, ApiError, NotFoundError} from '../../../../src/core/errors.js'
import type {ServiceClient} from '../../../../src/http/service-client.js'
import {fakeClient} from '../../../fakes/client.js'
import {type FakeServer, fakeServerPool} from '../../../fakes/server.js'

const TOKEN = 'tok-neutron'
const NET = {id: '6fdc9aa9-657a-46b7-914a-b7a08adf744a', name: 'net1', tags: [], subnets: []}
const SUB = {id: 'ca87b6f4-035f-4a24-9338-5f85f90851d0', name: 's1', network_id: NET.id, cidr: '10.77.0.0/24', tags: []}
const notFound = (what: string) => ({status: 404, json: {NeutronError: {type: 'NotFound', message: `${what} could not be found.`, detail: ''}}})

function neutron(fake: FakeServer): ServiceClient {
  return fakeClient(fake, {service: 'Neutron', type: 'network', basePath: '/v2.0', region: 'CentralRegion', token: TOKEN})
}

describe('neutron operations: requests', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('network create: POST, then PUT the sorted tags; the shown network has them', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'POST', path: '/v2.0/networks', token: TOKEN, json: {network: {name: 'net1', admin_state_up: true}}, reply: {status: 201, json: {network: NET}}})
    s.on({method: 'PUT', path: `/v2.0/networks/${NET.id}/tags`, token: TOKEN, json: {tags: ['a', 'b']}, reply: {json: {tags: ['a', 'b']}}})
    const net = await networkCreate(neutron(s), {name: 'net1', admin_state_up: true}, {tags: ['b', 'a']})
    expect(net.tags).toEqual(['a', 'b'])
  })

  it('network create: when tagging fails the new network is deleted again and the error is the tag error', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'POST', path: '/v2.0/networks', token: TOKEN, json: {network: {name: 'net1'}}, reply: {status: 201, json: {network: NET}}})
    s.on({
      method: 'PUT',
      path: `/v2.0/networks/${NET.id}/tags`,
      token: TOKEN,
      json: {tags: ['x']},
      reply: {status: 400, json: {NeutronError: {type: 'InvalidInput', message: 'Invalid input for operation: bad tag.', detail: ''}}},
    })
    s.on({method: 'DELETE', path: `/v2.0/networks/${NET.id}`, token: TOKEN, reply: {status: 204}})
    const err = await networkCreate(neutron(s), {name: 'net1'}, {tags: ['x']}).catch((error: unknown) => error)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('Neutron 400: Invalid input for operation: bad tag.')
  })

  it('network set: found by name (ID first, then ?name=), PUT only the given attributes, tags unchanged → no tag call', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks/net1', token: TOKEN, reply: notFound('Network net1')})
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'net1'}, token: TOKEN, reply: {json: {networks: [{...NET, tags: ['a']}]}}})
    s.on({method: 'PUT', path: `/v2.0/networks/${NET.id}`, token: TOKEN, json: {network: {description: 'web'}}, reply: {json: {network: {...NET, tags: ['a']}}}})
    await networkSet(neutron(s), 'net1', {description: 'web'}, {tags: ['a']})
  })

  it('subnet create: the network name is resolved, the body carries network_id', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks/net1', token: TOKEN, reply: notFound('Network net1')})
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'net1'}, token: TOKEN, reply: {json: {networks: [NET]}}})
    s.on({
      method: 'POST',
      path: '/v2.0/subnets',
      token: TOKEN,
      json: {subnet: {name: 's1', cidr: '10.77.0.0/24', ip_version: 4, network_id: NET.id}},
      reply: {status: 201, json: {subnet: SUB}},
    })
    const plan = planSubnetCreate({name: 's1', network: 'net1', subnetRange: '10.77.0.0/24'})
    expect((await subnetCreate(neutron(s), plan)).id).toBe(SUB.id)
  })

  it('subnet create on an ambiguous network name: an error listing the IDs, and no POST', async () => {
    const s = await fakes.start('neutron')
    const other = {...NET, id: '0beaf578-d273-4a8d-9e56-c3d4a2d7e772'}
    s.on({method: 'GET', path: '/v2.0/networks/net1', token: TOKEN, reply: notFound('Network net1')})
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'net1'}, token: TOKEN, reply: {json: {networks: [NET, other]}}})
    const err = await subnetCreate(neutron(s), planSubnetCreate({name: 's1', network: 'net1', subnetRange: '10.77.0.0/24'})).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AmbiguousError)
    expect((err as Error).message).toBe(`More than one Network exists with the name 'net1': ${NET.id}, ${other.id}`)
  })

  it('network delete of an unknown name: "No Network found for x", no DELETE', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks/nope', token: TOKEN, reply: notFound('Network nope')})
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'nope'}, token: TOKEN, reply: {json: {networks: []}}})
    const err = await networkDelete(neutron(s), 'nope').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NotFoundError)
    expect((err as Error).message).toBe('No Network found for nope')
  })

  it('router add subnet: PUT add_router_interface with the subnet ID', async () => {
    const s = await fakes.start('neutron')
    const R = {id: '3af2c8c0-606f-4ebc-adde-feb1d3cad118', name: 'r1'}
    s.on({method: 'GET', path: `/v2.0/subnets/${SUB.id}`, token: TOKEN, reply: {json: {subnet: SUB}}})
    s.on({method: 'GET', path: `/v2.0/routers/${R.id}`, token: TOKEN, reply: {json: {router: R}}})
    s.on({
      method: 'PUT',
      path: `/v2.0/routers/${R.id}/add_router_interface`,
      token: TOKEN,
      json: {subnet_id: SUB.id},
      reply: {json: {id: R.id, subnet_id: SUB.id, port_id: 'p1'}},
    })
    expect((await routerAddSubnet(neutron(s), R.id, SUB.id)).port_id).toBe('p1')
  })
})
