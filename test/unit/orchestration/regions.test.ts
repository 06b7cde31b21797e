import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {Session} from '../../../src/auth/session.js'
import {TokenCache} from '../../../src/auth/token-cache.js'
import {ApiError, MrctlError} from '../../../src/core/errors.js'
import {ExitCode} from '../../../src/core/exit-codes.js'
import {Transport} from '../../../src/http/transport.js'
import {fanoutExitCode, listInRegions, targetRegions} from '../../../src/orchestration/regions.js'
import {expectTokenIssue, multiRegionCatalog, passwordBody, passwordCloud} from '../../fakes/keystone.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

const REGIONS = ['RegionOne', 'RegionTwo', 'RegionThree']

async function world(configRegions: string[] = REGIONS) {
  const keystone = await fakes.start('keystone')
  const neutron: Record<string, FakeServer> = {}
  for (const r of REGIONS) neutron[r] = await fakes.start(`neutron-${r}`)
  const catalog = multiRegionCatalog({network: Object.fromEntries(REGIONS.map((r) => [r, neutron[r].url]))})
  expectTokenIssue(keystone, {body: passwordBody('admin', 'Sup3r-Secret-Pa55', 'admin'), tokens: ['tok-1'], catalog})
  const session = new Session({
    config: passwordCloud(keystone.url, {regions: configRegions, region: configRegions[0]}),
    transport: new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'}),
    cache: new TokenCache(join(tmp.path, 'cache')),
  })
  return {keystone, neutron, session}
}

const ok = (s: FakeServer, region: string) =>
  s.on({method: 'GET', path: '/v2.0/networks', token: 'tok-1', reply: {json: {networks: [{id: `${region}-1`}, {id: `${region}-2`}]}}})
const fail = (s: FakeServer, region: string) =>
  s.on({
    method: 'GET',
    path: '/v2.0/networks',
    token: 'tok-1',
    reply: {status: 500, headers: {'x-openstack-request-id': `req-${region}`}, json: {NeutronError: {message: `${region} is broken`}}},
  })
const listNetworks = async (c: {get<T>(p: string): Promise<T>}) => (await c.get<{networks: Array<{id: string}>}>('/networks')).networks

describe('listInRegions', () => {
  it('one region failing of three: the values of the other two, the failure reported, exit code 3', async () => {
    const w = await world()
    ok(w.neutron.RegionOne, 'RegionOne')
    fail(w.neutron.RegionTwo, 'RegionTwo')
    ok(w.neutron.RegionThree, 'RegionThree')
    const rows = await listInRegions(w.session, 'network', {all: true}, listNetworks)
    expect(rows.multi).toBe(true)
    expect(rows.items).toEqual([
      {region: 'RegionOne', item: {id: 'RegionOne-1'}},
      {region: 'RegionOne', item: {id: 'RegionOne-2'}},
      {region: 'RegionThree', item: {id: 'RegionThree-1'}},
      {region: 'RegionThree', item: {id: 'RegionThree-2'}},
    ])
    expect(rows.failures).toHaveLength(1)
    expect(rows.failures[0].region).toBe('RegionTwo')
    expect(rows.failures[0].error).toBeInstanceOf(ApiError)
    expect(rows.failures[0].error.message).toBe('Neutron 500: RegionTwo is broken (request req-RegionTwo)')
    expect(fanoutExitCode(rows.failures)).toBe(ExitCode.Partial)
    expect(fanoutExitCode([])).toBeUndefined()
    // one token for every region
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(1)
  })

  it('every region failing throws, naming each region and its error', async () => {
    const w = await world()
    for (const r of REGIONS) fail(w.neutron[r], r)
    const err = await listInRegions(w.session, 'network', {all: true}, listNetworks).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MrctlError)
    expect((err as Error).message).toBe(
      'every region failed: ' + REGIONS.map((r) => `${r}: Neutron 500: ${r} is broken (request req-${r})`).join('; '),
    )
  })

  it('named regions (--region, repeated) are de-duplicated and only they are called', async () => {
    const w = await world()
    ok(w.neutron.RegionThree, 'RegionThree')
    ok(w.neutron.RegionOne, 'RegionOne')
    const rows = await listInRegions(w.session, 'network', {regions: ['RegionThree', 'RegionOne', 'RegionThree']}, listNetworks)
    expect(rows.multi).toBe(true)
    expect([...new Set(rows.items.map((i) => i.region))]).toEqual(['RegionThree', 'RegionOne'])
  })

  it('a single region\'s error is the command\'s error, unchanged', async () => {
    const w = await world()
    fail(w.neutron.RegionOne, 'RegionOne')
    const err = await listInRegions(w.session, 'network', {}, listNetworks).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(500)
  })

  it('without --region, the session\'s region is used, with no Region column', async () => {
    const w = await world(['RegionTwo', 'RegionOne'])
    ok(w.neutron.RegionTwo, 'RegionTwo')
    const rows = await listInRegions(w.session, 'network', {}, listNetworks)
    expect(rows.multi).toBe(false)
    expect(rows.items.map((i) => i.region)).toEqual(['RegionTwo', 'RegionTwo'])
  })
})

describe('targetRegions', () => {
  it('--all-regions visits the configured regions offering the service', async () => {
    const w = await world(['RegionThree', 'RegionOne'])
    expect(await targetRegions(w.session, 'network', {all: true})).toEqual(['RegionThree', 'RegionOne'])
    expect(await targetRegions(w.session, 'network', {})).toEqual(['RegionThree'])
    expect(await targetRegions(w.session, 'network', {regions: ['RegionTwo', 'RegionTwo']})).toEqual(['RegionTwo'])
  })
})
