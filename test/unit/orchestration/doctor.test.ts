/**
 * doctor's failure checks against loopback fakes: what real services will not readily do (a 503
 * version document, a refused connection, a Zun service down, a Keystone clock ten minutes
 * ahead). Each fake route asserts the request it gets. The passing path runs against the real
 * services in test/integration/devstack.test.ts.
 */
import {createServer} from 'node:net'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {Session} from '../../../src/auth/session.js'
import {TokenCache} from '../../../src/auth/token-cache.js'
import {Transport} from '../../../src/http/transport.js'
import {type CheckResult, describeVersions, doctorExitCode, runDoctor, versionRoot} from '../../../src/orchestration/doctor.js'
import {multiRegionCatalog, passwordBody, passwordCloud, tokenBody} from '../../fakes/keystone.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

const TOKEN = 'tok-doctor'
const versions = (id: string) => ({json: {versions: [{id, status: 'CURRENT', links: []}]}})
const ZUN_SERVICE = {id: 1, binary: 'zun-compute', disabled: false, disabled_reason: null, report_count: 12}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as {port: number}).port
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

async function world(opts: {issuedAheadMs?: number} = {}) {
  const keystone = await fakes.start('keystone')
  const s: Record<string, FakeServer> = {}
  for (const name of ['neutron-central', 'tricircle', 'neutron-r1', 'glance-r1', 'zun-r1', 'neutron-r2', 'glance-r2', 'zun-r2']) s[name] = await fakes.start(name)
  const octavia = `http://127.0.0.1:${await closedPort()}`
  const catalog = multiRegionCatalog({
    network: {CentralRegion: s['neutron-central'].url, RegionOne: s['neutron-r1'].url, RegionTwo: s['neutron-r2'].url},
    tricircle: {CentralRegion: `${s.tricircle.url}/v1.0`},
    image: {RegionOne: s['glance-r1'].url, RegionTwo: s['glance-r2'].url},
    container: {RegionOne: `${s['zun-r1'].url}/v1`, RegionTwo: `${s['zun-r2'].url}/v1`},
    'load-balancer': {RegionOne: octavia},
  })
  keystone.on({
    method: 'POST',
    path: '/v3/auth/tokens',
    token: null,
    json: passwordBody('admin', 'Sup3r-Secret-Pa55', 'admin'),
    reply: () => {
      const body = tokenBody(catalog) as {token: {issued_at: string}}
      body.token.issued_at = new Date(Date.now() + (opts.issuedAheadMs ?? 0)).toISOString().replace('Z', '000Z')
      return {status: 201, headers: {'X-Subject-Token': TOKEN}, json: body}
    },
  })
  keystone.on({method: 'GET', path: '/', token: TOKEN, reply: {status: 300, json: {versions: {values: [{id: 'v3.14', status: 'stable'}]}}}})
  const session = new Session({
    config: passwordCloud(`${keystone.url}/v3`, {regions: ['CentralRegion', 'RegionOne', 'RegionTwo'], region: 'CentralRegion'}),
    transport: new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'}),
    cache: new TokenCache(join(tmp.path, 'cache')),
  })
  return {keystone, s, session, octavia}
}

/** Every service answering as it should; each test then breaks what it needs. */
function healthy(w: Awaited<ReturnType<typeof world>>, broken: Set<string> = new Set()) {
  const {s} = w
  for (const n of ['neutron-central', 'neutron-r1', 'neutron-r2']) if (!broken.has(n)) s[n].on({method: 'GET', path: '/', token: TOKEN, reply: versions('v2.0')})
  for (const n of ['glance-r1', 'glance-r2']) s[n].on({method: 'GET', path: '/', token: TOKEN, reply: {status: 300, ...versions('v2.15')}})
  s.tricircle.on({method: 'GET', path: '/', token: TOKEN, reply: versions('v1.0')})
  // Zun: the version document once for its check, once more to negotiate the microversion.
  for (const n of ['zun-r1', 'zun-r2']) s[n].on({method: 'GET', path: '/', token: TOKEN, times: 2, reply: {json: {versions: [{id: 'v1', status: 'CURRENT', max_version: '1.40', min_version: '1.1'}]}}})
}

const row = (results: CheckResult[], check: string, region = '') => {
  const r = results.find((x) => x.check === check && x.region === region)
  if (!r) throw new Error(`no ${check} check for ${region || 'the cloud'}: ${results.map((x) => `${x.check}/${x.region}`).join(', ')}`)
  return r
}

describe('doctor against loopback fakes', () => {
  it('reports each broken thing as a failed check with a hint, runs every other check, and exits 1', async () => {
    const w = await world({issuedAheadMs: 600_000})
    healthy(w, new Set(['neutron-r2']))
    w.s['neutron-r2'].on({method: 'GET', path: '/', token: TOKEN, reply: {status: 503, text: 'Service Unavailable', contentType: 'text/plain'}})
    w.s.tricircle.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, reply: {json: {pods: [{pod_id: 'p0', region_name: 'CentralRegion', az_name: '', pod_az_name: '', dc_name: ''}]}}})
    w.s['zun-r1'].on({method: 'GET', path: '/v1/services', token: TOKEN, headers: {'openstack-api-version': 'container 1.40'}, reply: {json: {services: [{...ZUN_SERVICE, host: 'node1', state: 'up'}]}}})
    w.s['zun-r2'].on({method: 'GET', path: '/v1/services', token: TOKEN, headers: {'openstack-api-version': 'container 1.40'}, reply: {json: {services: [{...ZUN_SERVICE, host: 'node2', state: 'down'}]}}})
    w.s['glance-r1'].on({method: 'GET', path: '/v2/images', query: {status: 'active'}, token: TOKEN, reply: {json: {images: [{id: 'i1', name: 'container_cirros', container_format: 'docker'}]}}})
    w.s['glance-r2'].on({method: 'GET', path: '/v2/images', query: {status: 'active'}, token: TOKEN, reply: {json: {images: [{id: 'i2', name: 'cirros', container_format: 'bare'}]}}})

    const results = await runDoctor(w.session)
    expect(results.slice(0, 2).map((r) => [r.check, r.status])).toEqual([
      ['authentication', 'pass'],
      ['clock', 'fail'],
    ])
    expect(row(results, 'authentication').detail).toBe('admin in project admin, roles admin, member')
    expect(row(results, 'clock').detail).toMatch(/^Keystone's clock is (599\.\d|600) s ahead of ours$/)
    expect(row(results, 'clock').hint).toContain('synchronise the clocks')
    expect(row(results, 'endpoint identity')).toMatchObject({status: 'pass', detail: `${w.keystone.url}/: v3.14 stable`})
    expect(row(results, 'endpoint network', 'RegionTwo')).toMatchObject({
      status: 'fail',
      detail: 'Neutron 503: Service Unavailable',
      hint: 'the service answered 503: look at its log',
    })
    const lb = row(results, 'endpoint load-balancer', 'RegionOne')
    expect(lb.status).toBe('fail')
    expect(lb.detail).toContain(w.octavia.replace('http://', ''))
    expect(lb.hint).toBe('check that the Octavia endpoint is up and that the catalog or profile points at the right host')
    expect(row(results, 'endpoint image', 'RegionTwo')).toMatchObject({status: 'pass', detail: `${w.s['glance-r2'].url}/: v2.15 CURRENT`})
    expect(row(results, 'catalog', 'CentralRegion')).toMatchObject({status: 'pass', detail: 'offers network, tricircle'})
    expect(row(results, 'catalog', 'RegionOne')).toMatchObject({status: 'pass'})
    expect(row(results, 'catalog', 'RegionTwo')).toMatchObject({status: 'warn', detail: 'offers container, image, network; no load-balancer'})
    expect(row(results, 'pods', 'CentralRegion')).toMatchObject({
      status: 'fail',
      detail: 'no pod for RegionOne, RegionTwo; pods: CentralRegion (central)',
      hint: 'mrctl multiregion networking pod bootstrap --az RegionOne=az1 --az RegionTwo=az2',
    })
    expect(row(results, 'zun services', 'RegionOne')).toMatchObject({status: 'pass', detail: 'zun-compute@node1 up'})
    expect(row(results, 'zun services', 'RegionTwo')).toMatchObject({status: 'fail', detail: 'zun-compute@node2 down'})
    expect(row(results, 'docker image', 'RegionOne')).toMatchObject({status: 'pass', detail: 'container_cirros'})
    expect(row(results, 'docker image', 'RegionTwo')).toMatchObject({status: 'fail', detail: 'no active image with container_format docker'})
    expect(row(results, 'docker image', 'RegionTwo').hint).toContain('--container-format docker')
    for (const r of results) expect(r.ms).toBeGreaterThanOrEqual(0)
    expect(doctorExitCode(results)).toBe(1)
    // One token for the whole run.
    expect(w.keystone.calls('POST', '/v3/auth/tokens')).toHaveLength(1)
  })

  it('stops after a refused login: the other checks are not run and say why', async () => {
    const keystone = await fakes.start('keystone')
    keystone.on({
      method: 'POST',
      path: '/v3/auth/tokens',
      token: null,
      json: passwordBody('admin', 'Sup3r-Secret-Pa55', 'admin'),
      reply: {status: 401, json: {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}},
    })
    const session = new Session({
      config: passwordCloud(`${keystone.url}/v3`),
      transport: new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'}),
      cache: new TokenCache(join(tmp.path, 'cache')),
    })
    const results = await runDoctor(session)
    expect(results.map((r) => [r.check, r.status])).toEqual([
      ['authentication', 'fail'],
      ['clock', 'skip'],
    ])
    expect(results[0].detail).toBe('Keystone 401: The request you have made requires authentication.')
    expect(results[0].hint).toBe('check the user name, password (or application credential) and project of the cloud or profile')
    expect(JSON.stringify(results)).not.toContain('Sup3r-Secret-Pa55')
    expect(doctorExitCode(results)).toBe(1)
  })

  it('checks only the regions asked for with --region', async () => {
    const w = await world()
    w.s['neutron-r1'].on({method: 'GET', path: '/', token: TOKEN, reply: versions('v2.0')})
    w.s['glance-r1'].on({method: 'GET', path: '/', token: TOKEN, reply: {status: 300, ...versions('v2.15')}})
    w.s['zun-r1'].on({method: 'GET', path: '/', token: TOKEN, times: 2, reply: {json: {versions: [{id: 'v1', status: 'CURRENT', max_version: '1.40', min_version: '1.1'}]}}})
    w.s['zun-r1'].on({method: 'GET', path: '/v1/services', token: TOKEN, reply: {json: {services: [{...ZUN_SERVICE, host: 'node1', state: 'up'}]}}})
    w.s['glance-r1'].on({method: 'GET', path: '/v2/images', query: {status: 'active'}, token: TOKEN, reply: {json: {images: [{id: 'i1', name: 'c', container_format: 'docker'}]}}})
    w.s.tricircle.on({
      method: 'GET',
      path: '/v1.0/pods',
      token: TOKEN,
      reply: {
        json: {
          pods: [
            {pod_id: 'p0', region_name: 'CentralRegion', az_name: '', pod_az_name: '', dc_name: ''},
            {pod_id: 'p1', region_name: 'RegionOne', az_name: 'az1', pod_az_name: '', dc_name: ''},
          ],
        },
      },
    })
    const results = await runDoctor(w.session, {regions: ['RegionOne'], central: 'CentralRegion'})
    expect(results.filter((r) => r.region !== '').map((r) => r.region)).toEqual(expect.arrayContaining(['RegionOne', 'CentralRegion']))
    expect(results.some((r) => r.region === 'RegionTwo')).toBe(false)
    expect(row(results, 'pods', 'CentralRegion')).toMatchObject({status: 'pass', detail: 'CentralRegion (central), RegionOne (az1)'})
    expect(results.filter((r) => r.status === 'fail').map((r) => `${r.check}/${r.region}`)).toEqual(['endpoint load-balancer/RegionOne'])
  })
})

describe('version documents', () => {
  it('reads the three shapes OpenStack services use', () => {
    expect(describeVersions({versions: [{id: 'v2.0', status: 'CURRENT'}]})).toBe('v2.0 CURRENT')
    expect(describeVersions({versions: {values: [{id: 'v3.14', status: 'stable'}]}})).toBe('v3.14 stable')
    expect(describeVersions({version: {id: 'v1.0', status: 'CURRENT'}})).toBe('v1.0 CURRENT')
    expect(describeVersions({networks: []})).toBeUndefined()
    expect(describeVersions('<html>')).toBeUndefined()
  })

  it('probes the server root of a catalog URL', () => {
    expect(versionRoot('http://h:9696')).toBe('http://h:9696/')
    expect(versionRoot('http://h:9517/v1')).toBe('http://h:9517/')
    expect(versionRoot('http://h:19999/v1.0/')).toBe('http://h:19999/')
    expect(versionRoot('http://h/identity/v3')).toBe('http://h/identity/')
  })
})
