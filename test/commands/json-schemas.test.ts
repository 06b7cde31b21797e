/**
 * The `--json` results of the main commands keep their shape: each is checked against its JSON
 * schema in test/contract/schemas/ (sf's `schemas/<command>.json`). The fakes answer with bodies
 * recorded from the real services (test/fixtures/osc/*), so the results are those users get.
 * To start the schema of another command, add its case and run this file with
 * MRCTL_SCHEMA_DUMP=<folder>: each result is written there as JSON.
 */
import {Ajv} from 'ajv'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {container} from '../unit/clients/zun/containers-helpers.js'
import {PROJECT_ID} from '../fakes/keystone.js'
import {fakeCloud, TOKEN} from './harness.js'
import {runInProcess} from './in-process.js'

const CONTRACT = join(import.meta.dirname, '..', 'contract')
const FIX = join(import.meta.dirname, '..', 'fixtures', 'osc')
const api = (path: string) => JSON.parse(readFileSync(join(FIX, path), 'utf8')) as Record<string, unknown>
const first = (path: string, key: string) => (api(path)[key] as unknown[])[0]

const LB = {
  id: 'fba89f07-260b-4a1b-9a84-2cbd70329721',
  name: 'fixlb2',
  description: 'hello',
  provisioning_status: 'ACTIVE',
  operating_status: 'OFFLINE',
  admin_state_up: true,
  project_id: '1208b36b21ad400bae5b76d849dfaba5',
  created_at: '2026-11-23T06:30:44',
  updated_at: '2026-11-23T06:33:15',
  vip_address: '198.51.100.1',
  vip_port_id: '81006fdb-68c2-462e-9540-4233c4f28e9b',
  vip_subnet_id: 'c5e881cf-3dba-49e8-a7ec-b4c5e13367f3',
  vip_network_id: '9f2e3048-395d-45dc-a9af-6d1785cc24aa',
  vip_qos_policy_id: null,
  additional_vips: [],
  listeners: [{id: '56476df7-a89f-4fd4-87a6-1ece49a14c80'}],
  pools: [],
  provider: 'amphora',
  flavor_id: null,
  availability_zone: null,
  tags: [],
}
const POD = {pod_id: '0d4f3ac0-7c1b-4b57-9b1b-6f6e3b2f0e11', region_name: 'RegionOne', pod_az_name: 'az1', dc_name: 'dc1', az_name: 'az1'}
const ROUTING = {id: 7, top_id: 't1', bottom_id: 'b1', pod_id: POD.pod_id, project_id: 'p1', resource_type: 'network', created_at: '2026-01-01 00:00:00', updated_at: null}
const JOB = {id: 'j1', project_id: 'p1', type: 'router_setup', timestamp: '2026-01-01 00:00:00', status: 'NEW', resource: {router_id: 'r1', pod_id: POD.pod_id}}

type Cloud = Awaited<ReturnType<typeof fakeCloud>>
interface Case {
  /** The command id; its schema is test/contract/schemas/<words joined by ->.json. */
  name: string
  /** The command line, as typed. */
  command: string[]
  service: string
  region?: string
  setup: (cloud: Cloud) => void
}

const get = (cloud: Cloud, service: string, path: string, json: unknown, region = 'RegionOne', query?: Record<string, string>) =>
  cloud.services[service][region].on({method: 'GET', path, query, token: TOKEN, reply: {json}})

const CASES: Case[] = [
  {name: 'network list', command: ['network', 'list'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/networks', api('neutron/network-list.api.json'))},
  {name: 'network show', command: ['network', 'show', 'n1'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/networks/n1', api('neutron/network.api.json'))},
  {name: 'subnet list', command: ['subnet', 'list'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/subnets', api('neutron/subnet-list.api.json'))},
  {name: 'subnet show', command: ['subnet', 'show', 's1'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/subnets/s1', api('neutron/subnet.api.json'))},
  {name: 'port list', command: ['port', 'list'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/ports', api('neutron/port-list.api.json'))},
  {name: 'router list', command: ['router', 'list'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/routers', api('neutron/router-list.api.json'))},
  {name: 'security group list', command: ['security', 'group', 'list'], service: 'network', setup: (c) => get(c, 'network', '/v2.0/security-groups', api('neutron/security-group-list.api.json'))},
  {name: 'image list', command: ['image', 'list'], service: 'image', setup: (c) => get(c, 'image', '/v2/images', {images: [api('glance/image.api.json')]})},
  {name: 'image show', command: ['image', 'show', 'i1'], service: 'image', setup: (c) => get(c, 'image', '/v2/images/i1', api('glance/image.api.json'))},
  {name: 'loadbalancer list', command: ['loadbalancer', 'list'], service: 'load-balancer', setup: (c) => get(c, 'load-balancer', '/v2/lbaas/loadbalancers', {loadbalancers: [LB]})},
  {name: 'loadbalancer show', command: ['loadbalancer', 'show', LB.id], service: 'load-balancer', setup: (c) => get(c, 'load-balancer', `/v2/lbaas/loadbalancers/${LB.id}`, {loadbalancer: LB})},
  {
    name: 'appcontainer list',
    command: ['appcontainer', 'list', '--os-container-api-version', '1.40'],
    service: 'container',
    setup: (c) => get(c, 'container', '/v1/containers', {containers: [container()], next: null}),
  },
  {
    name: 'appcontainer show',
    command: ['appcontainer', 'show', 'web', '--os-container-api-version', '1.40'],
    service: 'container',
    setup: (c) => get(c, 'container', '/v1/containers/web', container()),
  },
  {name: 'multiregion networking pod list', command: ['multiregion', 'networking', 'pod', 'list'], service: 'tricircle', setup: (c) => get(c, 'tricircle', '/pods', {pods: [POD]})},
  {name: 'multiregion networking routing list', command: ['multiregion', 'networking', 'routing', 'list'], service: 'tricircle', setup: (c) => get(c, 'tricircle', '/routings', {routings: [ROUTING]})},
  {name: 'multiregion networking job list', command: ['multiregion', 'networking', 'job', 'list'], service: 'tricircle', setup: (c) => get(c, 'tricircle', '/jobs', {jobs: [JOB]})},
  {
    name: 'overview',
    command: ['overview'],
    service: 'network',
    setup: (c) => {
      const ids = {project_id: PROJECT_ID, fields: 'id'}
      get(c, 'network', '/v2.0/networks', api('neutron/network-list.api.json'), 'RegionOne', ids)
      get(c, 'network', '/v2.0/subnets', api('neutron/subnet-list.api.json'), 'RegionOne', ids)
      get(c, 'network', '/v2.0/ports', api('neutron/port-list.api.json'), 'RegionOne', ids)
      get(c, 'network', '/v2.0/routers', api('neutron/router-list.api.json'), 'RegionOne', ids)
      get(c, 'network', '/v2.0/security-groups', api('neutron/security-group-list.api.json'), 'RegionOne', ids)
      get(c, 'network', `/v2.0/quotas/${PROJECT_ID}/details`, {quota: {network: {limit: 100, used: 2, reserved: 0}, port: {limit: 500, used: 9, reserved: 0}}})
    },
  },
]

const ajv = new Ajv({allErrors: true, strict: true})

describe('the --json results of the main commands match their schemas', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (name, c) => {
      const cloud = await fakeCloud({[c.service]: ['RegionOne']})
      try {
        c.setup(cloud)
        const r = await runInProcess([...c.command, '--json'], cloud.env)
        expect(r.stderr, r.stdout).toBe('')
        expect(r.code, r.stdout).toBe(0)
        const envelope = JSON.parse(r.stdout) as {status: number; result: unknown}
        if (process.env.MRCTL_SCHEMA_DUMP) (await import('node:fs')).writeFileSync(join(process.env.MRCTL_SCHEMA_DUMP, `${name.replaceAll(' ', '-')}.json`), JSON.stringify(envelope.result, null, 2))
        const schema = JSON.parse(readFileSync(join(CONTRACT, 'schemas', `${name.replaceAll(' ', '-')}.json`), 'utf8')) as object
        const validate = ajv.compile(schema)
        expect(validate(envelope.result) ? [] : validate.errors).toEqual([])
        cloud.verify()
      } finally {
        await cloud.close()
      }
    },
  )
})
