import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type SimCloud, startCloud} from '../../../../src/sim/cloud/cloud.js'
import {allocate, defaultPools, parseCidr} from '../../../../src/sim/neutron/ip.js'

describe('address maths', () => {
  it('parses IPv4 and IPv6 CIDRs, normalising host bits; refuses what is not one', () => {
    expect(parseCidr('10.0.0.5/24')).toMatchObject({text: '10.0.0.0/24', host: '10.0.0.5', version: 4})
    expect(parseCidr('2001:db8::1/64')).toMatchObject({text: '2001:db8::/64', version: 6})
    expect(parseCidr('10.0.0.0/33')).toBeUndefined()
    expect(parseCidr('10.0.0/24')).toBeUndefined()
  })

  it('default pools leave out the gateway (and the IPv4 broadcast); allocation takes the lowest free address', () => {
    const c = parseCidr('10.0.0.0/29')!
    expect(defaultPools(c, '10.0.0.1')).toEqual([{start: '10.0.0.2', end: '10.0.0.6'}])
    expect(defaultPools(c, '10.0.0.4')).toEqual([{start: '10.0.0.1', end: '10.0.0.3'}, {start: '10.0.0.5', end: '10.0.0.6'}])
    expect(allocate(defaultPools(c, '10.0.0.1'), 4, new Set(['10.0.0.2', '10.0.0.3']))).toBe('10.0.0.4')
    const v6 = parseCidr('2001:db8::/64')!
    expect(defaultPools(v6, '2001:db8::1')[0]).toEqual({start: '2001:db8::2', end: '2001:db8::ffff:ffff:ffff:ffff'})
  })
})

describe('the simulated Neutron', () => {
  let cloud: SimCloud
  let base = ''
  const call = async (method: string, path: string, body?: unknown, user: 'admin' | 'demo' = 'admin') => {
    const res = await fetch(`${base}${path}`, {method, headers: {'X-Auth-Token': cloud.issueToken(user), 'Content-Type': 'application/json'}, body: body === undefined ? undefined : JSON.stringify(body)})
    const text = await res.text()
    return {status: res.status, json: text ? JSON.parse(text) : undefined}
  }

  beforeAll(async () => {
    cloud = await startCloud({regions: ['RegionOne'], time: 'immediate'})
    base = cloud.endpoints().find((e) => e.service === 'network')!.url
  })
  afterAll(async () => {
    await cloud.close({persist: false})
  })

  it('a full subnet answers IpAddressGenerationFailure; an IPv6 subnet allocates too', async () => {
    const net = (await call('POST', '/v2.0/networks', {network: {name: 'small'}})).json.network.id
    await call('POST', '/v2.0/subnets', {subnet: {network_id: net, cidr: '10.3.0.0/30', ip_version: 4}})
    expect((await call('POST', '/v2.0/ports', {port: {network_id: net}})).json.port.fixed_ips[0].ip_address).toBe('10.3.0.2')
    const full = await call('POST', '/v2.0/ports', {port: {network_id: net}})
    expect(full.status).toBe(409)
    expect(full.json.NeutronError).toEqual({type: 'IpAddressGenerationFailure', message: `No more IP addresses available on network ${net}.`, detail: ''})
    const net6 = (await call('POST', '/v2.0/networks', {network: {name: 'six'}})).json.network.id
    const sub6 = await call('POST', '/v2.0/subnets', {subnet: {network_id: net6, cidr: '2001:db8:1::/64', ip_version: 6}})
    expect(sub6.json.subnet.gateway_ip).toBe('2001:db8:1::1')
    expect((await call('POST', '/v2.0/ports', {port: {network_id: net6}})).json.port.fixed_ips[0].ip_address).toBe('2001:db8:1::2')
  })

  it('quotas: a project over its network limit gets OverQuota; details count what it uses', async () => {
    const demoProject = cloud.keystone.data.projects.find((p) => p.name === 'demo')!.id
    expect((await call('PUT', `/v2.0/quotas/${demoProject}`, {quota: {network: 1}})).json.quota.network).toBe(1)
    expect((await call('POST', '/v2.0/networks', {network: {name: 'one'}}, 'demo')).status).toBe(201)
    const over = await call('POST', '/v2.0/networks', {network: {name: 'two'}}, 'demo')
    expect(over.status).toBe(409)
    expect(over.json.NeutronError).toMatchObject({type: 'OverQuota', message: "Quota exceeded for resources: ['network']."})
    expect((await call('GET', `/v2.0/quotas/${demoProject}/details`)).json.quota.network).toEqual({limit: 1, used: 1, reserved: 0})
    expect((await call('GET', `/v2.0/quotas/${demoProject}`, undefined, 'demo')).status).toBe(200)
    const other = cloud.keystone.data.projects.find((p) => p.name === 'admin')!.id
    expect((await call('GET', `/v2.0/quotas/${other}`, undefined, 'demo')).status).toBe(403)
  })

  it('a non-admin sees its own and shared networks only, and cannot make a shared one', async () => {
    const shared = (await call('POST', '/v2.0/networks', {network: {name: 'shared-one', shared: true}})).json.network.id
    const hidden = (await call('POST', '/v2.0/networks', {network: {name: 'admins-only'}})).json.network.id
    const seen = (await call('GET', '/v2.0/networks', undefined, 'demo')).json.networks.map((n: {id: string}) => n.id)
    expect(seen).toContain(shared)
    expect(seen).not.toContain(hidden)
    const refused = await call('POST', '/v2.0/networks', {network: {name: 'x', shared: true}}, 'demo')
    expect([refused.status, refused.json.NeutronError.type]).toEqual([403, 'PolicyNotAuthorized'])
  })

  it('sorts and pages: sort_key/sort_dir, then marker and limit', async () => {
    for (const n of ['pg-b', 'pg-a', 'pg-c']) await call('POST', '/v2.0/networks', {network: {name: n}})
    const sorted = await call('GET', '/v2.0/networks?sort_key=name&sort_dir=desc&fields=name&name=pg-a&name=pg-b&name=pg-c')
    expect(sorted.json.networks.map((n: {name: string}) => n.name)).toEqual(['pg-c', 'pg-b', 'pg-a'])
    const first = await call('GET', '/v2.0/networks?sort_key=name&sort_dir=asc&name=pg-a&name=pg-b&name=pg-c&limit=2')
    expect(first.json.networks.map((n: {name: string}) => n.name)).toEqual(['pg-a', 'pg-b'])
    const next = new URL(first.json.networks_links.find((l: {rel: string}) => l.rel === 'next').href)
    const second = await call('GET', `${next.pathname}${next.search}`)
    expect(second.json.networks.map((n: {name: string}) => n.name)).toEqual(['pg-c'])
  })
})
