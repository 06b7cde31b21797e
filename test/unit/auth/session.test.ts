import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import type {CloudConfig} from '../../../src/profiles/resolve.js'

import {Session} from '../../../src/auth/session.js'
import {cacheKey, TokenCache} from '../../../src/auth/token-cache.js'
import {ApiError, AuthError, EndpointNotFoundError} from '../../../src/core/errors.js'
import {Transport} from '../../../src/http/transport.js'
import {expectTokenIssue, isoIn, multiRegionCatalog, passwordBody, passwordCloud, tokenBody} from '../../fakes/keystone.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

const PASSWORD = 'Sup3r-Secret-Pa55'
const NETWORKS = (region: string) => ({networks: [{id: `net-${region}`, name: `n-${region}`}]})

interface World {
  keystone: FakeServer
  one: FakeServer
  two: FakeServer
  catalog: ReturnType<typeof multiRegionCatalog>
  config: CloudConfig
  cache: TokenCache
}

/** A Keystone whose catalog has Neutron in RegionOne and RegionTwo, each its own fake server. */
async function world(over: Partial<CloudConfig> = {}): Promise<World> {
  const [keystone, one, two] = await Promise.all([fakes.start('keystone'), fakes.start('neutron-one'), fakes.start('neutron-two')])
  const catalog = multiRegionCatalog({network: {RegionOne: one.url, RegionTwo: two.url}})
  const config = passwordCloud(keystone.url, {regions: ['RegionOne', 'RegionTwo'], region: 'RegionOne', ...over})
  return {keystone, one, two, catalog, config, cache: new TokenCache(join(tmp.path, 'cache'))}
}

function session(w: Pick<World, 'config' | 'cache'>, extra: {cache?: TokenCache | null} = {}): Session {
  return new Session({
    config: w.config,
    transport: new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'}),
    cache: extra.cache === null ? undefined : (extra.cache ?? w.cache),
  })
}

function expectNetworks(server: FakeServer, token: string, times = 1, region = 'x'): void {
  server.on({method: 'GET', path: '/v2.0/networks', token, times, reply: {json: NETWORKS(region)}})
}

describe('Session', () => {
  it('asks Keystone once per process, even for parallel calls in several regions', async () => {
    const w = await world()
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    expectNetworks(w.one, 'tok-1', 2, 'one')
    expectNetworks(w.two, 'tok-1', 2, 'two')
    const s = session(w)
    const list = async (region: string) => (await s.client('network', region)).get<{networks: unknown[]}>('/networks')
    const results = await Promise.all([list('RegionOne'), list('RegionTwo'), list('RegionOne'), list('RegionTwo'), s.token()])
    expect(results.slice(0, 4)).toEqual([NETWORKS('one'), NETWORKS('two'), NETWORKS('one'), NETWORKS('two')])
    expect(results[4]).toBe('tok-1')
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(1)
    expect(s.issuedNewToken).toBe(true)
  })

  it('a second Session on the same cache folder reuses the cached token and catalog without a POST', async () => {
    const w = await world()
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    expectNetworks(w.two, 'tok-1', 1, 'two')
    expect(await session(w).token()).toBe('tok-1')

    const second = session({config: w.config, cache: new TokenCache(join(tmp.path, 'cache'))})
    expect(await (await second.client('network', 'RegionTwo')).get('/networks')).toEqual(NETWORKS('two'))
    expect(second.issuedNewToken).toBe(false)
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(1)
  })

  it('a cached token within 5 minutes of expiry is not reused', async () => {
    const w = await world()
    await w.cache.put(cacheKey('password', w.config.auth), PASSWORD, {
      token: 'tok-stale',
      expiresAt: isoIn(4 * 60_000),
      issuedAt: new Date().toISOString(),
      catalog: w.catalog,
      userId: 'u',
      roles: [],
    })
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-new'], catalog: w.catalog})
    expect(await session(w).token()).toBe('tok-new')
    expect((await w.cache.get(cacheKey('password', w.config.auth), PASSWORD))?.token).toBe('tok-new')
  })

  it('a 401 from the service re-authenticates once and retries: 2 token POSTs, 2 service GETs', async () => {
    const w = await world()
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1', 'tok-2'], catalog: w.catalog})
    w.one.on({
      method: 'GET',
      path: '/v2.0/networks',
      token: 'tok-1',
      reply: {status: 401, headers: {'WWW-Authenticate': 'Keystone uri="http://127.0.0.1:5000"'}, json: {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}},
    })
    expectNetworks(w.one, 'tok-2', 1, 'one')
    const s = session(w)
    expect(await (await s.client('network', 'RegionOne')).get('/networks')).toEqual(NETWORKS('one'))
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(2)
    expect(w.one.calls('GET', '/v2.0/networks').map((r) => r.headers['x-auth-token'])).toEqual(['tok-1', 'tok-2'])
    // the refused token is gone from the cache, the new one is there
    expect((await w.cache.get(cacheKey('password', w.config.auth), PASSWORD))?.token).toBe('tok-2')
  })

  it('401s from several regions of a fan-out, arriving one after another, re-authenticate only once', async () => {
    const three = await fakes.start('neutron-three')
    const w = await world()
    const catalog = multiRegionCatalog({network: {RegionOne: w.one.url, RegionTwo: w.two.url, RegionThree: three.url}})
    // the cached token was revoked: every region refuses it, the slower regions later
    await w.cache.put(cacheKey('password', w.config.auth), PASSWORD, {
      token: 'tok-revoked',
      expiresAt: isoIn(3600_000),
      issuedAt: new Date().toISOString(),
      catalog,
      userId: 'u',
      roles: [],
    })
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-new'], catalog})
    const servers: Array<[FakeServer, number]> = [
      [w.one, 0],
      [w.two, 150],
      [three, 300],
    ]
    for (const [server, delayMs] of servers) {
      server.on({method: 'GET', path: '/v2.0/networks', token: 'tok-revoked', reply: {status: 401, delayMs, headers: {'WWW-Authenticate': 'Keystone uri="http://127.0.0.1:5000"'}, json: {error: {message: 'expired'}}}})
      expectNetworks(server, 'tok-new', 1, 'r')
    }
    const s = session(w)
    const regions = ['RegionOne', 'RegionTwo', 'RegionThree']
    const results = await Promise.all(regions.map(async (r) => (await s.client('network', r)).get('/networks')))
    expect(results).toHaveLength(3)
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(1)
  })

  it('a second 401 is the error: no loop, exactly 2 POSTs and 2 GETs', async () => {
    const w = await world()
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1', 'tok-2'], catalog: w.catalog})
    for (const token of ['tok-1', 'tok-2']) {
      w.one.on({method: 'GET', path: '/v2.0/networks', token, reply: {status: 401, headers: {'WWW-Authenticate': 'Keystone uri="http://127.0.0.1:5000"'}, json: {error: {message: 'Authentication required'}}}})
    }
    const err = await (await session(w).client('network', 'RegionOne')).get('/networks').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({service: 'Neutron', status: 401, detail: 'Authentication required'})
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(2)
    expect(w.one.calls('GET', '/v2.0/networks')).toHaveLength(2)
  })

  it('an endpoint override for the region wins over the catalog', async () => {
    const override = await fakes.start('neutron-override')
    const w = await world()
    w.config.endpointOverrides = {RegionOne: {network: override.url}}
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    expectNetworks(override, 'tok-1', 1, 'override')
    expectNetworks(w.two, 'tok-1', 1, 'two')
    const s = session(w)
    expect(await s.endpoint('network', 'RegionOne')).toBe(`${override.url}/v2.0`)
    expect(await (await s.client('network', 'RegionOne')).get('/networks')).toEqual(NETWORKS('override'))
    // RegionTwo has no override: the catalog is used there
    expect(await (await s.client('network', 'RegionTwo')).get('/networks')).toEqual(NETWORKS('two'))
  })

  it('a cloud-wide override applies to every region, a region override beats it', async () => {
    const w = await world()
    w.config.endpointOverrides = {'*': {container: 'http://all:9517/v1'}, RegionTwo: {container: 'http://two:9517'}}
    const s = session(w, {cache: null})
    expect(await s.endpoint('container', 'RegionOne')).toBe('http://all:9517/v1')
    expect(await s.endpoint('container', 'RegionTwo')).toBe('http://two:9517')
    // no Keystone call was needed for overridden endpoints
    expect(w.keystone.received).toHaveLength(0)
  })

  it('the catalog endpoint gets its version suffix, and a region without the service is an error', async () => {
    const w = await world()
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    const s = session(w)
    expect(await s.endpoint('network', 'RegionTwo')).toBe(`${w.two.url}/v2.0`)
    expect(await s.endpoint('network', 'RegionTwo')).toBe(`${w.two.url}/v2.0`)
    await expect(s.endpoint('load-balancer', 'RegionOne')).rejects.toBeInstanceOf(EndpointNotFoundError)
  })

  it('uses the interface of the config', async () => {
    const w = await world({interface: 'internal'})
    expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    expect(await session(w).endpoint('network', 'RegionOne')).toBe(`${w.one.url}/internal/v2.0`)
  })

  it('reads a stored secret lazily when the config has none', async () => {
    const w = await world()
    let reads = 0
    w.config.auth.password = undefined
    w.config.loadSecret = async () => (reads++, 'from-keychain')
    expectTokenIssue(w.keystone, {body: passwordBody('admin', 'from-keychain', 'admin'), tokens: ['tok-1'], catalog: w.catalog})
    expect(reads).toBe(0)
    expect(await session(w).token()).toBe('tok-1')
    expect(reads).toBe(1)
  })

  it('without any secret it fails with OSC\'s message before calling Keystone', async () => {
    const w = await world()
    w.config.auth.password = undefined
    const err = await session(w).token().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AuthError)
    expect((err as AuthError).message).toBe('No password entered, or found via --os-password or OS_PASSWORD')
    expect(w.keystone.received).toHaveLength(0)
  })

  it('application credential auth sends no scope', async () => {
    const w = await world({
      authType: 'v3applicationcredential',
      auth: {authUrl: '', applicationCredentialId: 'ac-1', applicationCredentialSecret: 'ac-secret'},
    })
    w.config.auth.authUrl = `${w.keystone.url}/v3`
    expectTokenIssue(w.keystone, {
      body: {auth: {identity: {methods: ['application_credential'], application_credential: {id: 'ac-1', secret: 'ac-secret'}}}},
      tokens: ['tok-ac'],
      catalog: w.catalog,
    })
    expect(await session(w).token()).toBe('tok-ac')
  })

  it('token auth validates the given token and uses its catalog', async () => {
    const w = await world({authType: 'token', auth: {authUrl: '', token: 'given-token'}})
    w.config.auth.authUrl = w.keystone.url
    w.keystone.on({
      method: 'GET',
      path: '/v3/auth/tokens',
      token: 'given-token',
      headers: {'x-subject-token': 'given-token'},
      reply: {json: tokenBody(w.catalog)},
    })
    expectNetworks(w.two, 'given-token', 1, 'two')
    const s = session(w)
    expect(await (await s.client('network', 'RegionTwo')).get('/networks')).toEqual(NETWORKS('two'))
    expect(s.issuedNewToken).toBe(false)
  })

  describe('regionsFor', () => {
    it('lists the configured regions that offer the service or have an override', async () => {
      const w = await world({regions: ['CentralRegion', 'RegionOne', 'RegionTwo']})
      w.config.endpointOverrides = {CentralRegion: {network: 'http://central:9696'}}
      expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
      expect(await session(w).regionsFor('network')).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    })

    it('without configured regions, uses every catalog region offering the service', async () => {
      const w = await world({regions: []})
      expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
      expect(await session(w).regionsFor('network')).toEqual(['RegionOne', 'RegionTwo'])
    })

    it('a service no region offers is an error', async () => {
      const w = await world()
      expectTokenIssue(w.keystone, {body: passwordBody('admin', PASSWORD, 'admin'), tokens: ['tok-1'], catalog: w.catalog})
      await expect(session(w).regionsFor('load-balancer')).rejects.toThrow('no region of cloud fake offers the load-balancer service')
    })
  })
})
