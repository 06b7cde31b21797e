// Networks against the real Neutrons (CentralRegion :9696, RegionOne :9697, RegionTwo :9698),
// through the built CLI: what a user sees (stdout, stderr, exit code) and what is left on the
// server. `-f json` is compared with what the real `openstack` client printed for the same kind
// of object (test/fixtures/osc/neutron): the same keys in the same order, the same value types.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, mrctl, tempConfigDir, uniqueName} from './harness.js'

const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo']
const configDir = tempConfigDir()
const run = (args: string[]) => mrctl(args, {configDir})
const fixture = (f: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/osc/neutron', f), 'utf8'))

/** Key → JSON type, in key order: what two outputs of the same command must share. */
function shape(o: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v])
}

/** IDs of the networks with this name in a region (asks mrctl itself, -f json). */
async function networkIds(region: string, name: string): Promise<string[]> {
  const r = await run(['network', 'list', '--name', name, '--os-region-name', region, '-f', 'json'])
  expect(r.code, r.stderr).toBe(0)
  return (r.json as Array<{ID: string}>).map((n) => n.ID)
}

async function cleanup(region: string, ...names: string[]): Promise<void> {
  for (const name of names) {
    const ids = await networkIds(region, name)
    if (ids.length) await run(['network', 'delete', ...ids, '--os-region-name', region])
  }
}

describe.each(REGIONS)('network commands in %s', (region) => {
  const R = ['--os-region-name', region]

  it('create, show, set, list and delete: -f json has the keys and types openstack prints', async () => {
    const name = uniqueName('it-net')
    try {
      const created = await run(['network', 'create', name, '--tag', 'blue', '--tag', 'amber', '--description', 'from mrctl', ...R, '-f', 'json'])
      expect(created.code, created.stderr).toBe(0)
      expect(shape(created.json)).toEqual(shape(fixture('network-create.json')))
      expect(created.json).toMatchObject({name, description: 'from mrctl', tags: ['amber', 'blue'], admin_state_up: true, is_default: false})

      const shown = await run(['network', 'show', name, ...R, '-f', 'json'])
      expect(shown.code, shown.stderr).toBe(0)
      expect(shape(shown.json)).toEqual(shape(fixture('network-show.json')))
      // GET leaves is_default out; openstacksdk shows None, and so does mrctl.
      expect(shown.json).toMatchObject({id: created.json.id, is_default: null, dns_domain: null, segments: null})

      const table = await run(['network', 'show', created.json.id, ...R])
      expect(table.stdout).toMatch(/^\| admin_state_up +\| UP +\|$/m)
      expect(table.stdout).toMatch(/^\| router:external +\| Internal +\|$/m)
      expect(table.stdout).toMatch(/^\| tags +\| amber, blue +\|$/m)

      const set = await run(['network', 'set', name, '--name', `${name}-2`, '--disable', '--no-tag', '--tag', 'green', ...R])
      expect([set.code, set.stdout, set.stderr]).toEqual([0, '', ''])
      const after = await run(['network', 'show', created.json.id, ...R, '-f', 'json', '-c', 'name', '-c', 'admin_state_up', '-c', 'tags'])
      expect(after.json).toEqual({admin_state_up: false, name: `${name}-2`, tags: ['green']})

      const listed = await run(['network', 'list', '--name', `${name}-2`, '--long', ...R, '-f', 'json'])
      expect(listed.code, listed.stderr).toBe(0)
      expect(listed.json).toHaveLength(1)
      expect(Object.keys(listed.json[0])).toEqual(Object.keys(fixture('network-list-long.json')[0]))
      expect(listed.json[0]).toMatchObject({ID: created.json.id, State: false, Tags: ['green']})

      const deleted = await run(['network', 'delete', `${name}-2`, ...R])
      expect([deleted.code, deleted.stdout, deleted.stderr]).toEqual([0, '', ''])
      expect(await networkIds(region, `${name}-2`)).toEqual([])
    } finally {
      await cleanup(region, name, `${name}-2`)
    }
  })
})

describe('network commands: bad input', () => {
  it('an ambiguous name: an error listing both IDs, exit 1, and delete goes on past it', async () => {
    const name = uniqueName('it-dup')
    const other = uniqueName('it-one')
    try {
      const a = await run(['network', 'create', name, '-f', 'value', '-c', 'id'])
      const b = await run(['network', 'create', name, '-f', 'value', '-c', 'id'])
      await run(['network', 'create', other])
      const [idA, idB] = [a.stdout.trim(), b.stdout.trim()]

      const show = await run(['network', 'show', name])
      expect(show.code).toBe(1)
      expect(show.stdout).toBe('')
      expect(show.stderr).toContain(`More than one Network exists with the name '${name}'`)
      expect(show.stderr).toContain(idA)
      expect(show.stderr).toContain(idB)

      // Several items: each failure on its own line, the others still deleted, then the count.
      const del = await run(['network', 'delete', name, other, 'it-no-such-net'])
      // One of three was deleted: partial success (exit 3).
      expect(del.code).toBe(3)
      expect(del.stderr).toContain(`Failed to delete network with name or ID '${name}': More than one Network exists`)
      expect(del.stderr).toContain("Failed to delete network with name or ID 'it-no-such-net': No Network found for it-no-such-net")
      expect(del.stderr.trim().split('\n').at(-1)).toBe('2 of 3 networks failed to delete.')
      expect(await networkIds('CentralRegion', other)).toEqual([])
      expect((await networkIds('CentralRegion', name)).sort()).toEqual([idA, idB].sort())

      const json = await run(['network', 'delete', 'it-no-such-net', '--json'])
      expect(json.code).toBe(1)
      expect(json.json).toMatchObject({status: 1, message: '1 of 1 networks failed to delete.', data: {failed: [{item: 'it-no-such-net'}]}})
    } finally {
      await cleanup('CentralRegion', name, other)
    }
  })

  it('showing a network that does not exist: "No Network found for x", exit 1', async () => {
    const r = await run(['network', 'show', 'it-no-such-net'])
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'No Network found for it-no-such-net\n'])
  })

  it("an availability zone hint Neutron does not know: Neutron's 404 printed, nothing created", async () => {
    const name = uniqueName('it-az')
    try {
      const r = await run(['network', 'create', name, '--availability-zone-hint', 'az1'])
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^Neutron 404: AvailabilityZone az1 could not be found\. \(request req-[0-9a-f-]+\)$/m)
      expect(await networkIds('CentralRegion', name)).toEqual([])
    } finally {
      await cleanup('CentralRegion', name)
    }
  })

  it('a provider segment that is not a number: usage error (exit 2) before anything is sent', async () => {
    const name = uniqueName('it-seg')
    const r = await run(['network', 'create', name, '--provider-network-type', 'vlan', '--provider-segment', 'ten'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--provider-segment ten: not a whole number')
    expect(await networkIds('CentralRegion', name)).toEqual([])
  })

  it('a VLAN provider network (admin): the segment is sent and shown', async () => {
    const name = uniqueName('it-vlan')
    try {
      const r = await run(['network', 'create', name, '--provider-network-type', 'vlan', '--provider-physical-network', 'physnet1', '--provider-segment', '1777', '-f', 'json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 1777})
    } finally {
      await cleanup('CentralRegion', name)
    }
  })
})

describe('network list across regions', () => {
  it('--all-regions lists the three regions in parallel, with a Region column', async () => {
    const name = uniqueName('it-every')
    try {
      const ids: Record<string, string> = {}
      for (const region of REGIONS) {
        const r = await run(['network', 'create', name, '--os-region-name', region, '-f', 'value', '-c', 'id'])
        expect(r.code, r.stderr).toBe(0)
        ids[region] = r.stdout.trim()
      }
      const json = await run(['network', 'list', '--all-regions', '--name', name, '-f', 'json'])
      expect(json.code, json.stderr).toBe(0)
      const rows = json.json as Array<Record<string, unknown>>
      expect(rows.map((r) => Object.keys(r))).toEqual(REGIONS.map(() => ['Region', 'ID', 'Name', 'Subnets']))
      expect(Object.fromEntries(rows.map((r) => [r.Region, r.ID]))).toEqual(ids)

      const table = await run(['network', 'list', '--all-regions', '--name', name])
      expect(table.stdout.split('\n')[1]).toMatch(/^\| Region +\| ID +\| Name +\| Subnets +\|$/)
      for (const region of REGIONS) expect(table.stdout).toContain(`| ${region}`)

      const two = await run(['network', 'list', '--region', 'RegionOne', '--region', 'RegionTwo', '--name', name, '-f', 'value', '-c', 'Region'])
      expect(two.stdout.split('\n').filter(Boolean).sort()).toEqual(['RegionOne', 'RegionTwo'])
    } finally {
      for (const region of REGIONS) await cleanup(region, name)
    }
  })

  it('a region that fails is named on stderr, the others are printed, exit 3', async () => {
    const r = await run(['network', 'list', '--region', 'RegionOne', '--region', 'NoSuchRegion', '-f', 'json'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/NoSuchRegion: public endpoint for network service in NoSuchRegion region not found/)
    expect(Array.isArray(r.json)).toBe(true)
    for (const row of r.json as Array<{Region: string}>) expect(row.Region).toBe('RegionOne')
  })
})
