// Byte-for-byte comparisons with the real `openstack` client's output
// (test/fixtures/osc/samples/, cut from shared/docs/osc-output-samples.txt).
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {renderList, renderShow, pythonStr, type FormatOptions, type ListFormat, type ShowFormat} from '../../../src/output/index.js'

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/osc/samples/${name}`, import.meta.url), 'utf8')
}

// OSC's human formatters for these network columns (AdminStateColumn, RouterExternalColumn)
const adminState = (v: unknown) => (v ? 'UP' : 'DOWN')
const routerExternal = (v: unknown) => (v ? 'External' : 'Internal')

// ---- network list / show: inputs rebuilt from the json samples ----------------------------------
const NET_LIST_HEADERS = ['ID', 'Name', 'Subnets']
const NET_LIST_ROWS: unknown[][] = (
  JSON.parse(fixture('network-list.json')) as Record<string, unknown>[]
).map((o) => NET_LIST_HEADERS.map((h) => o[h]))

const NET_SHOW = JSON.parse(fixture('network-show.json')) as Record<string, unknown>
const NET_SHOW_FIELDS = Object.keys(NET_SHOW)
const NET_SHOW_VALUES = Object.values(NET_SHOW)
const NET_SHOW_HUMAN = {admin_state_up: adminState, 'router:external': routerExternal}

describe('network list (2 rows), every format', () => {
  it.each<[ListFormat, string]>([
    ['table', 'network-list.table'],
    ['json', 'network-list.json'],
    ['value', 'network-list.value'],
    ['yaml', 'network-list.yaml'],
    ['csv', 'network-list.csv'],
  ])('-f %s', (format, name) => {
    expect(renderList(NET_LIST_HEADERS, NET_LIST_ROWS, format)).toBe(fixture(name))
  })

  it('-f value -c ID', () => {
    expect(renderList(NET_LIST_HEADERS, NET_LIST_ROWS, 'value', {columns: ['ID']})).toBe(fixture('network-list-c-ID.value'))
  })
})

describe('network show, every format', () => {
  it.each<[ShowFormat, string]>([
    ['table', 'network-show.table'],
    ['json', 'network-show.json'],
    ['value', 'network-show.value'],
    ['yaml', 'network-show.yaml'],
    ['shell', 'network-show.shell'],
  ])('-f %s', (format, name) => {
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, format, {human: NET_SHOW_HUMAN})).toBe(fixture(name))
  })

  it('-f json --noindent', () => {
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, 'json', {noindent: true})).toBe(fixture('network-show-noindent.json'))
  })

  it('-f value -c id (the scripting idiom)', () => {
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, 'value', {columns: ['id']})).toBe(fixture('network-show-c-id.value'))
  })

  it('-f value -c id -c name, and the order of -c does not matter', () => {
    const expected = fixture('network-show-c-id-c-name.value')
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, 'value', {columns: ['id', 'name']})).toBe(expected)
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, 'value', {columns: ['name', 'id']})).toBe(expected)
  })

  it('the table with the same values taken from Part 2 (network show container-net)', () => {
    expect(renderShow(NET_SHOW_FIELDS, NET_SHOW_VALUES, 'table', {human: NET_SHOW_HUMAN})).toBe(fixture('network-show.table'))
  })
})

describe('empty network list (RegionTwo)', () => {
  it.each<[ListFormat, string]>([
    ['table', 'network-list-empty.table'],
    ['json', 'network-list-empty.json'],
    ['value', 'network-list-empty.value'],
    ['yaml', 'network-list-empty.yaml'],
    ['csv', 'network-list-empty.csv'],
  ])('-f %s', (format, name) => {
    expect(renderList(NET_LIST_HEADERS, [], format)).toBe(fixture(name))
  })

  it('the exact bytes: "\\n", "[]\\n", "" and the csv header', () => {
    expect(renderList(NET_LIST_HEADERS, [], 'table')).toBe('\n')
    expect(renderList(NET_LIST_HEADERS, [], 'json')).toBe('[]\n')
    expect(renderList(NET_LIST_HEADERS, [], 'yaml')).toBe('[]\n')
    expect(renderList(NET_LIST_HEADERS, [], 'value')).toBe('')
    expect(renderList(NET_LIST_HEADERS, [], 'csv')).toBe('"ID","Name","Subnets"\n')
  })

  it('empty octavia loadbalancer list (lower-case headers)', () => {
    const headers = ['id', 'name', 'project_id', 'vip_address', 'provisioning_status', 'operating_status', 'provider']
    expect(renderList(headers, [], 'table')).toBe(fixture('loadbalancer-list-empty.table'))
    expect(renderList(headers, [], 'json')).toBe(fixture('loadbalancer-list-empty.json'))
  })
})

describe('network list --long (human formatters in a list, booleans, empty lists)', () => {
  const headers = ['ID', 'Name', 'Status', 'Project', 'State', 'Shared', 'Subnets', 'Network Type', 'Router Type', 'Availability Zones', 'Tags']
  const rows = [
    ['0beaf578-d273-4a8d-9e56-c3d4a2d7e772', 'container-net-b', 'ACTIVE', '54ff18e9a739412ab627c5fc1eaeb883', true, false, [], 'vxlan', false, [], []],
    ['87a762b3-3473-4474-8599-3567edd772f3', 'container-net', 'ACTIVE', '54ff18e9a739412ab627c5fc1eaeb883', true, false, ['9a1c3f45-dfd1-4069-aceb-395e874a3bf5'], 'vxlan', false, [], []],
  ]
  it('-f table', () => {
    const out = renderList(headers, rows, 'table', {human: {State: adminState, 'Router Type': routerExternal}})
    expect(out).toBe(fixture('network-list-long.table'))
  })
})

describe('image list and show', () => {
  const IMG_HEADERS = ['ID', 'Name', 'Status']
  const IMG_ROWS = (JSON.parse(fixture('image-list.json')) as Record<string, unknown>[]).map((o) => IMG_HEADERS.map((h) => o[h]))
  it.each<[ListFormat, string]>([
    ['table', 'image-list.table'],
    ['json', 'image-list.json'],
    ['value', 'image-list.value'],
    ['yaml', 'image-list.yaml'],
    ['csv', 'image-list.csv'],
  ])('list -f %s', (format, name) => {
    expect(renderList(IMG_HEADERS, IMG_ROWS, format)).toBe(fixture(name))
  })

  // properties is a dict: the table sorts and flattens it, json keeps the API order, yaml sorts
  // the keys, value and shell print the Python dict repr in the API order.
  const IMG = JSON.parse(fixture('image-show.json')) as Record<string, unknown>
  it.each<[ShowFormat, string]>([
    ['table', 'image-show.table'],
    ['json', 'image-show.json'],
    ['value', 'image-show.value'],
    ['yaml', 'image-show.yaml'],
    ['shell', 'image-show.shell'],
  ])('show -f %s', (format, name) => {
    expect(renderShow(Object.keys(IMG), Object.values(IMG), format)).toBe(fixture(name))
  })

  it('image create table (Part 2): the dict column shown sorted with False as a quoted string', () => {
    const fields = ['container_format', 'created_at', 'disk_format', 'file', 'id', 'min_disk', 'min_ram', 'name', 'owner', 'properties', 'protected', 'schema', 'status', 'tags', 'updated_at', 'visibility']
    const values = [
      'docker', '2026-11-23T05:23:01Z', 'raw', '/v2/images/82bc5fc4-b468-4df3-96f5-a94ad6393d85/file',
      '82bc5fc4-b468-4df3-96f5-a94ad6393d85', 0, 0, 'container_cirros', '54ff18e9a739412ab627c5fc1eaeb883',
      {os_hidden: false, 'owner_specified.openstack.md5': '', 'owner_specified.openstack.sha256': '', 'owner_specified.openstack.object': 'images/container_cirros'},
      false, '/v2/schemas/image', 'queued', [], '2026-11-23T05:23:01Z', 'shared',
    ]
    expect(renderShow(fields, values, 'table')).toBe(fixture('image-create.table'))
  })
})

describe('subnet list and show (Part 1 tables)', () => {
  it('subnet list', () => {
    const out = renderList(['ID', 'Name', 'Network', 'Subnet'], [['9a1c3f45-dfd1-4069-aceb-395e874a3bf5', 'container-subnet', '87a762b3-3473-4474-8599-3567edd772f3', '10.0.60.0/24']], 'table')
    expect(out).toBe(fixture('subnet-list.table'))
  })

  it('subnet show', () => {
    const fields = ['allocation_pools', 'cidr', 'created_at', 'description', 'dns_nameservers', 'dns_publish_fixed_ip', 'enable_dhcp', 'gateway_ip', 'host_routes', 'id', 'ip_version', 'ipv6_address_mode', 'ipv6_ra_mode', 'name', 'network_id', 'project_id', 'revision_number', 'segment_id', 'service_types', 'subnetpool_id', 'tags', 'updated_at']
    const values = [
      [{start: '10.0.60.2', end: '10.0.60.254'}], '10.0.60.0/24', '2026-11-23T05:22:59Z', '', [], null, true, '10.0.60.1', [],
      '9a1c3f45-dfd1-4069-aceb-395e874a3bf5', 4, null, null, 'container-subnet', '87a762b3-3473-4474-8599-3567edd772f3',
      '54ff18e9a739412ab627c5fc1eaeb883', 0, null, [], null, [], '2026-11-23T05:22:59Z',
    ]
    // OSC's AllocationPoolsColumn prints start-end pairs
    const human = {allocation_pools: (v: unknown) => (v as {start: string; end: string}[]).map((p) => `${p.start}-${p.end}`).join(',')}
    expect(renderShow(fields, values, 'table', {human})).toBe(fixture('subnet-show.table'))
  })
})

describe('octavia (python-octaviaclient) tables from Part 2: lower-case headers', () => {
  it('loadbalancer list', () => {
    const headers = ['id', 'name', 'project_id', 'vip_address', 'provisioning_status', 'operating_status', 'provider']
    const rows = [['d91cbaa5-30b2-4792-ad30-0cf747f5e231', 'lb1', '54ff18e9a739412ab627c5fc1eaeb883', '198.51.100.1', 'ACTIVE', 'OFFLINE', 'amphora']]
    expect(renderList(headers, rows, 'table')).toBe(fixture('loadbalancer-list.table'))
  })

  it('loadbalancer member list: integer columns right-aligned, empty name', () => {
    const headers = ['id', 'name', 'project_id', 'provisioning_status', 'address', 'protocol_port', 'operating_status', 'weight']
    const rows = [['4d61e55d-abe6-4032-be69-3a594a476e90', '', '54ff18e9a739412ab627c5fc1eaeb883', 'ACTIVE', '10.0.60.10', 80, 'NO_MONITOR', 1]]
    expect(renderList(headers, rows, 'table')).toBe(fixture('loadbalancer-member-list.table'))
  })

  it('loadbalancer show: fixed (not sorted) field order, a raw list printed as [] by octaviaclient', () => {
    const fields = ['admin_state_up', 'availability_zone', 'created_at', 'description', 'flavor_id', 'id', 'listeners', 'name', 'operating_status', 'pools', 'project_id', 'provider', 'provisioning_status', 'updated_at', 'vip_address', 'vip_network_id', 'vip_port_id', 'vip_qos_policy_id', 'vip_subnet_id', 'tags', 'additional_vips']
    const values = [
      true, null, '2026-11-23T05:23:26', '', null, 'd91cbaa5-30b2-4792-ad30-0cf747f5e231', ['d5aa1011-69ae-4be3-ba7e-ea1af3abe16a'],
      'lb1', 'OFFLINE', ['52e0e8e5-db54-476e-bfd2-83d1289d2cc1'], '54ff18e9a739412ab627c5fc1eaeb883', 'amphora', 'ACTIVE',
      '2026-11-23T05:23:42', '198.51.100.1', '4af9077d-69e3-4b2e-b157-c033dab169a8', '376a7b87-ecd3-4cd3-9713-3dba24ff4aa8', null,
      'c979fd74-2c04-4f58-bad5-e08a5a34dc6b', [], [],
    ]
    expect(renderShow(fields, values, 'table', {human: {additional_vips: pythonStr}})).toBe(fixture('loadbalancer-show.table'))
  })

  it('loadbalancer listener create', () => {
    const fields = ['admin_state_up', 'connection_limit', 'created_at', 'default_pool_id', 'default_tls_container_ref', 'description', 'id', 'insert_headers', 'l7policies', 'loadbalancers', 'name', 'operating_status', 'project_id', 'protocol', 'protocol_port', 'provisioning_status', 'sni_container_refs', 'timeout_client_data', 'timeout_member_connect', 'timeout_member_data', 'timeout_tcp_inspect', 'updated_at', 'client_ca_tls_container_ref', 'client_authentication', 'client_crl_container_ref', 'allowed_cidrs', 'tls_ciphers', 'tls_versions', 'alpn_protocols', 'tags']
    const values = [
      true, -1, '2026-11-23T05:23:31', null, null, '', 'd5aa1011-69ae-4be3-ba7e-ea1af3abe16a', null, [], ['d91cbaa5-30b2-4792-ad30-0cf747f5e231'],
      'listener1', 'OFFLINE', '54ff18e9a739412ab627c5fc1eaeb883', 'HTTP', 80, 'ACTIVE', [], 50000, 5000, 50000, 0, '2026-11-23T05:23:32',
      null, 'NONE', null, null, null, null, null, [],
    ]
    expect(renderShow(fields, values, 'table', {human: {sni_container_refs: pythonStr}})).toBe(fixture('loadbalancer-listener-create.table'))
  })

  it('loadbalancer pool create', () => {
    const fields = ['admin_state_up', 'created_at', 'description', 'healthmonitor_id', 'id', 'lb_algorithm', 'listeners', 'loadbalancers', 'members', 'name', 'operating_status', 'project_id', 'protocol', 'provisioning_status', 'session_persistence', 'updated_at', 'tls_container_ref', 'ca_tls_container_ref', 'crl_container_ref', 'tls_enabled', 'tls_ciphers', 'tls_versions', 'tags', 'alpn_protocols']
    const values = [
      true, '2026-11-23T05:23:36', '', '', '52e0e8e5-db54-476e-bfd2-83d1289d2cc1', 'ROUND_ROBIN', ['d5aa1011-69ae-4be3-ba7e-ea1af3abe16a'],
      ['d91cbaa5-30b2-4792-ad30-0cf747f5e231'], [], 'pool1', 'OFFLINE', '54ff18e9a739412ab627c5fc1eaeb883', 'HTTP', 'ACTIVE', null,
      '2026-11-23T05:23:36', null, null, null, false, null, null, [], null,
    ]
    expect(renderShow(fields, values, 'table')).toBe(fixture('loadbalancer-pool-create.table'))
  })
})

describe('cases generated with the client libraries (cliff-cases.json)', () => {
  interface Case {
    name: string
    kind: 'list' | 'show'
    headers: string[]
    rows?: unknown[][]
    values?: unknown[]
    argv: string[]
    stdout: string
  }
  const doc = JSON.parse(readFileSync(new URL('../../fixtures/osc/cliff/cases.json', import.meta.url), 'utf8')) as {cases: Case[]}

  function parseArgv(argv: string[]): {format: string; opts: FormatOptions} {
    const opts: FormatOptions = {}
    let format = 'table'
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      const next = () => argv[++i]
      if (a === '-f') format = next()
      else if (a === '-c') (opts.columns ??= []).push(next())
      else if (a === '--max-width') opts.maxWidth = Number(next())
      else if (a === '--noindent') opts.noindent = true
      else if (a === '--quote') opts.quote = next() as FormatOptions['quote']
      else if (a === '--prefix') opts.prefix = next()
      else if (a === '--print-empty') opts.printEmpty = true
      else if (a === '--sort-column') (opts.sortColumns ??= []).push(next())
      else if (a === '--sort-descending') opts.sortDescending = true
      else throw new Error(`unhandled argument ${a}`)
    }
    return {format, opts}
  }

  it('has cases', () => expect(doc.cases.length).toBeGreaterThan(20))
  it.each(doc.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const {format, opts} = parseArgv(c.argv)
    const out =
      c.kind === 'list'
        ? renderList(c.headers, c.rows!, format as ListFormat, opts)
        : renderShow(c.headers, c.values!, format as ShowFormat, opts)
    expect(out).toBe(c.stdout)
  })

  it('the multi-line list-of-dicts cell (cliff/port-show-multiline.table)', () => {
    const c = doc.cases.find((x) => x.name === 'port-show.multiline.table')!
    const out = renderShow(c.headers, c.values!, 'table')
    expect(out).toBe(readFileSync(new URL('../../fixtures/osc/cliff/port-show-multiline.table', import.meta.url), 'utf8'))
    expect(out).toContain("| fixed_ips             | ip_address='10.0.60.10', subnet_id='9a1c3f45-dfd1-4069-aceb-395e874a3bf5' |\n|                       | ip_address='fd00::10',")
  })
})
