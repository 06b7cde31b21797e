/**
 * Parsing, rendering and exit codes, command by command, in this process against loopback fakes
 * (test/fakes/server.ts). Each fake route asserts the request it gets, so a flag that stops
 * reaching the wire fails here.
 */
import {describe, expect, it} from 'vitest'

import {TOKEN, useFakeCloud} from './harness.js'
import {runInProcess} from './in-process.js'

const NET = {id: '5d6c3f2e-1b0a-4c9d-8e7f-6a5b4c3d2e1f', name: 'net1', status: 'ACTIVE', subnets: ['s-1'], admin_state_up: true, shared: false, tags: ['blue']}
const NET2 = {...NET, id: '6e7d4a3f-2c1b-4d0e-9f8a-7b6c5d4e3f2a', name: 'net2', subnets: [], tags: []}

describe('rendering and exit codes', () => {
  const clouds = useFakeCloud()

  it('`network list`: the table openstack prints, exit 0', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    cloud.services.network.RegionOne.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, reply: {json: {networks: [NET, NET2]}}})
    const r = await runInProcess(['network', 'list'], cloud.env)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      [
        '+--------------------------------------+------+---------+',
        '| ID                                   | Name | Subnets |',
        '+--------------------------------------+------+---------+',
        `| ${NET.id} | net1 | s-1     |`,
        `| ${NET2.id} | net2 |         |`,
        '+--------------------------------------+------+---------+',
        '',
      ].join('\n'),
    )
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('`--json`: the envelope, with the rows as `result`', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    cloud.services.network.RegionOne.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, reply: {json: {networks: [NET]}}})
    const r = await runInProcess(['network', 'list', '--json'], cloud.env)
    expect(JSON.parse(r.stdout)).toEqual({status: 0, result: [{ID: NET.id, Name: 'net1', Subnets: ['s-1']}], warnings: []})
    expect(r.code).toBe(0)
  })

  it('an API error: `<Service> <status>: <message>` on stderr, exit 1; under --json the error envelope', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    const neutron = cloud.services.network.RegionOne
    const notFound = {status: 404, headers: {'x-openstack-request-id': 'req-1'}, json: {NeutronError: {message: 'Network nope could not be found.'}}}
    neutron.on({method: 'GET', path: '/v2.0/networks/nope', token: TOKEN, reply: notFound, times: 2})
    neutron.on({method: 'GET', path: '/v2.0/networks', query: {name: 'nope'}, token: TOKEN, reply: {json: {networks: []}}, times: 2})
    const r = await runInProcess(['network', 'show', 'nope'], cloud.env)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('No Network found for nope\n')
    expect(r.code).toBe(1)
    const j = await runInProcess(['network', 'show', 'nope', '--json'], cloud.env)
    expect(JSON.parse(j.stdout)).toEqual({status: 1, name: 'NotFoundError', message: 'No Network found for nope', code: 'NotFoundError', actions: [], warnings: []})
    expect(j.code).toBe(1)
    cloud.verify()
  })

  it('a usage error: the reason, the flag meant, the help to read; exit 2, nothing sent', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    const r = await runInProcess(['network', 'list', '--nmae', 'x'], cloud.env)
    expect(r.stderr).toBe('Nonexistent flag: --nmae\n  Did you mean "--name"?\n  see: mrctl network list --help\n')
    expect(r.code).toBe(2)
    const both = await runInProcess(['network', 'list', '--enable', '--disable'], cloud.env)
    expect(both.stderr).toContain('--disable=true cannot also be provided when using --enable\n')
    expect(both.code).toBe(2)
    expect(cloud.keystone.received).toEqual([])
  })

  it('some items failed: each reported, "1 of 2 networks failed to delete.", exit 3', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    const neutron = cloud.services.network.RegionOne
    neutron.on({method: 'GET', path: `/v2.0/networks/net1`, token: TOKEN, reply: {status: 404, json: {NeutronError: {message: 'nope'}}}})
    neutron.on({method: 'GET', path: '/v2.0/networks', query: {name: 'net1'}, token: TOKEN, reply: {json: {networks: [NET]}}})
    neutron.on({method: 'DELETE', path: `/v2.0/networks/${NET.id}`, token: TOKEN, reply: {status: 204}})
    neutron.on({method: 'GET', path: '/v2.0/networks/gone', token: TOKEN, reply: {status: 404, json: {NeutronError: {message: 'nope'}}}})
    neutron.on({method: 'GET', path: '/v2.0/networks', query: {name: 'gone'}, token: TOKEN, reply: {json: {networks: []}}})
    const r = await runInProcess(['network', 'delete', 'net1', 'gone'], cloud.env)
    expect(r.stderr).toContain('No Network found for gone')
    expect(r.stderr).toContain('1 of 2 networks failed to delete.')
    expect(r.code).toBe(3)
    cloud.verify()
  })
})

describe('the flag helpers reach the wire', () => {
  const clouds = useFakeCloud()

  it('tagFilterFlags, enableDisableFlags, projectFlag on `network list` (Neutron: comma-joined tags; --project looked up in Keystone)', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    cloud.keystone.on({method: 'GET', path: '/v3/projects/demo', token: TOKEN, reply: {status: 404, json: {error: {message: 'Could not find project: demo.'}}}})
    cloud.keystone.on({method: 'GET', path: '/v3/projects', query: {name: 'demo'}, token: TOKEN, reply: {json: {projects: [{id: 'p-demo', name: 'demo'}]}}})
    cloud.services.network.RegionOne.on({
      method: 'GET',
      path: '/v2.0/networks',
      query: {admin_state_up: 'false', project_id: 'p-demo', tags: 'a,b', 'not-tags-any': 'c'},
      token: TOKEN,
      reply: {json: {networks: [NET2]}},
    })
    const r = await runInProcess(['network', 'list', '--disable', '--project', 'demo', '--tags', 'a,b', '--not-any-tags', 'c', '-f', 'value', '-c', 'Name'], cloud.env)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('net2\n')
    cloud.verify()
  })

  it('tagFilterFlags on `loadbalancer list` (Octavia: one query key per tag)', async () => {
    const cloud = await clouds.start({'load-balancer': ['RegionOne']})
    cloud.services['load-balancer'].RegionOne.on({
      method: 'GET',
      path: '/v2/lbaas/loadbalancers',
      query: {admin_state_up: 'true', tags: ['a', 'b']},
      token: TOKEN,
      reply: {json: {loadbalancers: []}},
    })
    const r = await runInProcess(['loadbalancer', 'list', '--enable', '--tags', 'a,b', '-f', 'value'], cloud.env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('tagSetFlags on `network set`: --no-tag then --tag (one value each) replaces the tags', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    const neutron = cloud.services.network.RegionOne
    neutron.on({method: 'GET', path: `/v2.0/networks/${NET.id}`, token: TOKEN, reply: {json: {network: NET}}, times: 1})
    neutron.on({method: 'PUT', path: `/v2.0/networks/${NET.id}/tags`, token: TOKEN, json: {tags: ['green', 'red']}, reply: {json: {tags: ['green', 'red']}}})
    const r = await runInProcess(['network', 'set', '--no-tag', '--tag', 'red', '--tag', 'green', NET.id], cloud.env)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('markerPaginationFlags on `multiregion networking job list --limit`: one page, as python-tricircleclient', async () => {
    const cloud = await clouds.start({tricircle: ['CentralRegion']})
    const job = {id: 'j1', project_id: 'p', type: 'router', timestamp: '2026-01-01 00:00:00', status: 'NEW', resource: {}}
    cloud.services.tricircle.CentralRegion.on({
      method: 'GET',
      path: '/jobs',
      query: {limit: '1', status: 'new'},
      token: TOKEN,
      reply: {json: {jobs: [job], jobs_links: [{rel: 'next', href: '/jobs?limit=1&marker=j1'}]}},
    })
    const r = await runInProcess(['multiregion', 'networking', 'job', 'list', '--status', 'NEW', '--limit', '1', '-f', 'value', '-c', 'Id'], cloud.env)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('j1\n')
    cloud.verify()
  })

  it('variadicArgs on `appcontainer stop`: every container, flags between them', async () => {
    const cloud = await clouds.start({container: ['RegionOne']})
    const zun = cloud.services.container.RegionOne
    const headers = {'openstack-api-version': 'container 1.12'}
    for (const c of ['web', 'web2']) {
      zun.on({method: 'POST', path: `/v1/containers/${c}/stop`, query: {timeout: '5'}, token: TOKEN, headers, reply: {status: 202, json: null}})
    }
    const r = await runInProcess(['appcontainer', 'stop', 'web', '--timeout', '5', 'web2', '--os-container-api-version', '1.12'], cloud.env)
    expect(r.stdout).toBe('Request to stop container web has been accepted.\nRequest to stop container web2 has been accepted.\n')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('ZunCommand.zunUpTo on `appcontainer add security group`: 1.14 unless a lower version is given; a higher one is a usage error', async () => {
    const cloud = await clouds.start({container: ['RegionOne']})
    const zun = cloud.services.container.RegionOne
    const at = (v: string) => ({'openstack-api-version': `container ${v}`})
    zun.on({method: 'POST', path: '/v1/containers/web/add_security_group', query: {name: 'sg1'}, token: TOKEN, headers: at('1.14'), reply: {status: 202, json: null}})
    zun.on({method: 'POST', path: '/v1/containers/web/remove_security_group', query: {name: 'sg1'}, token: TOKEN, headers: at('1.10'), reply: {status: 202, json: null}})
    const add = await runInProcess(['appcontainer', 'add', 'security', 'group', 'web', 'sg1'], cloud.env)
    expect(add.stdout).toBe('Request to add security group for container web has been accepted.\n')
    const remove = await runInProcess(['appcontainer', 'remove', 'security', 'group', 'web', 'sg1', '--os-container-api-version', '1.10'], cloud.env)
    expect(remove.code).toBe(0)
    const high = await runInProcess(['appcontainer', 'add', 'security', 'group', 'web', 'sg1', '--os-container-api-version', '1.20'], cloud.env)
    expect(high.stderr).toMatch(/^add security group exists only up to Zun API 1\.14, not 1\.20\n {2}leave out --os-container-api-version/)
    expect(high.code).toBe(2)
    cloud.verify()
  })
})
