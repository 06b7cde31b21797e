// The Neutron views (src/views/{network,subnet,port,router,security-group,quota}.ts) against
// what the real `openstack` client printed for the same Neutron bodies
// (test/fixtures/osc/neutron, recorded by record.sh there): byte for byte, in every format.
import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {ListFormat, ShowFormat} from '../../../src/output/index.js'
import type {ListView, ShowView} from '../../../src/views/common.js'

import {interfacesInfo} from '../../../src/clients/neutron/routers.js'
import {renderList, renderShow} from '../../../src/output/index.js'
import {networkListView, networkShowView} from '../../../src/views/network.js'
import {portListView, portShowView} from '../../../src/views/port.js'
import {quotaShowView} from '../../../src/views/quota.js'
import {routerListView, routerShowView} from '../../../src/views/router.js'
import {ruleListView, ruleShowView, securityGroupListView, securityGroupShowView} from '../../../src/views/security-group.js'
import {subnetListView, subnetShowView} from '../../../src/views/subnet.js'

const FIX = resolve(import.meta.dirname, '../../fixtures/osc/neutron')
const text = (f: string) => readFileSync(join(FIX, f), 'utf8')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (f: string): any => JSON.parse(text(f))
const inRegion = <T>(items: T[]) => items.map((item) => ({region: 'CentralRegion', item}))

const SHOW_FORMATS: ShowFormat[] = ['table', 'json', 'value', 'yaml', 'shell']
const LIST_FORMATS: ListFormat[] = ['table', 'json', 'value', 'yaml', 'csv']

function expectShow(v: ShowView, prefix: string) {
  for (const f of SHOW_FORMATS) {
    expect(renderShow(v.fields, v.values, f, {human: v.human, prefix: ''}), `${prefix}.${f}`).toBe(text(`${prefix}.${f}`))
  }
}

function expectList(v: ListView, prefix: string, formats = LIST_FORMATS) {
  for (const f of formats) {
    expect(renderList(v.headers, v.rows, f, {human: v.human}), `${prefix}.${f}`).toBe(text(`${prefix}.${f}`))
  }
}

describe('neutron show views: byte for byte what openstack prints', () => {
  it('network show: every SDK field, sorted, None for those Neutron leaves out (dns_domain, segments, is_default…)', () => {
    expectShow(networkShowView(api('network.api.json').network), 'network-show')
  })

  it('subnet show: allocation pools as start-end, host routes with gateway=, DNS servers sorted', () => {
    expectShow(subnetShowView(api('subnet.api.json').subnet), 'subnet-show')
  })

  it('port show: binding:* renamed binding_*, fixed_ips as key=value lines, security_group_ids', () => {
    expectShow(portShowView(api('port.api.json').port), 'port-show')
  })

  it('router show: interfaces_info from its ports, routes with gateway=, external_gateway_info as JSON', () => {
    const router = {...api('router.api.json').router, interfaces_info: interfacesInfo(api('router-ports.api.json').ports)}
    expectShow(routerShowView(router), 'router-show')
  })

  it('security group show: security_group_rules as rules, each without its empty keys', () => {
    expectShow(securityGroupShowView(api('security-group.api.json').security_group), 'security-group-show')
  })

  it('security group rule show: ethertype shown as ether_type, name None, tags []', () => {
    expectShow(ruleShowView(api('security-group-rule.api.json').security_group_rule, {fillRemote: true}), 'security-group-rule-show')
  })

  it('quota show: OSC names (floating-ips, secgroup-rules…), sorted, with project and project_name', () => {
    const q = api('quota.api.json').quota
    const osc = api('quota-show.json')
    const v = quotaShowView({project: {id: osc.project, name: osc.project_name}, quota: q, defaults: false})
    // `location` is openstacksdk's record of the caller's cloud, not quota data: left out on purpose.
    const {location: _location, ...expected} = osc
    expect(JSON.parse(renderShow(v.fields, v.values, 'json', {human: v.human}))).toEqual(expected)
    expect(v.fields).toEqual(Object.keys(expected))
    // The table has the same rows; the real one is only wider because of the location row.
    const rows = (t: string) =>
      t
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .map((l) => l.split('|').slice(1, 3).map((c) => c.trim()))
    expect(rows(renderShow(v.fields, v.values, 'table', {human: v.human}))).toEqual(rows(text('quota-show.table')).filter(([k]) => k !== 'location'))
  })

  it('quota show --default: no project fields, as the real client prints', () => {
    const v = quotaShowView({project: {id: 'p', name: 'n'}, quota: api('quota.api.json').quota, defaults: true})
    const {location: _location, ...expected} = api('quota-show-default.json')
    expect(Object.keys(JSON.parse(renderShow(v.fields, v.values, 'json')))).toEqual(Object.keys(expected))
  })
})

describe('neutron list views: byte for byte what openstack prints', () => {
  it('network list --long: State UP, Router Type Internal, tags sorted', () => {
    // csv: see the it.fails below.
    expectList(networkListView(inRegion(api('network-list.api.json').networks), {long: true}), 'network-list-long', ['table', 'json', 'value', 'yaml'])
  })

  it('subnet list --long', () => {
    expectList(subnetListView(inRegion(api('subnet-list.api.json').subnets), {long: true}), 'subnet-list-long')
  })

  it('port list (with the router interface port)', () => {
    expectList(portListView(inRegion(api('port-list.api.json').ports)), 'port-list')
  })

  it('router list --long: Distributed and HA for an admin, Routes, External gateway info null', () => {
    expectList(routerListView(inRegion(api('router-list.api.json').routers), {long: true}), 'router-list-long', ['table', 'json', 'value', 'yaml'])
  })

  it("security group list: Tags has no formatter, so the table shows Python's []", () => {
    expectList(securityGroupListView(inRegion(api('security-group-list.api.json').security_groups)), 'security-group-list')
  })

  it('security group rule list <group>: IP Range defaulted from the ethertype, port ranges, ICMP type=8', () => {
    expectList(ruleListView(inRegion(api('security-group-rule-list.api.json').security_group_rules)), 'security-group-rule-list')
  })

  // Known gap in src/output (not in these views): cliff writes a FormattableColumn cell to csv as
  // str(value), so "True" and "None" come out quoted; renderList quotes by the raw type. These
  // start passing once renderList treats a column with a human formatter that way.
  it.fails('csv of formatted bool/None columns (State, Router Type, External gateway info) is str()-quoted', () => {
    expectList(networkListView(inRegion(api('network-list.api.json').networks), {long: true}), 'network-list-long', ['csv'])
    expectList(routerListView(inRegion(api('router-list.api.json').routers), {long: true}), 'router-list-long', ['csv'])
  })
})

describe('neutron list views: Region column for several regions', () => {
  it('prepends Region to every row and header', () => {
    const nets = api('network-list.api.json').networks
    const v = networkListView(
      [
        {region: 'RegionOne', item: nets[0]},
        {region: 'RegionTwo', item: nets[0]},
      ],
      {regionColumn: true},
    )
    expect(v.headers).toEqual(['Region', 'ID', 'Name', 'Subnets'])
    expect(v.rows.map((r) => r[0])).toEqual(['RegionOne', 'RegionTwo'])
    expect(JSON.parse(renderList(v.headers, v.rows, 'json'))[1]).toEqual({Region: 'RegionTwo', ID: nets[0].id, Name: nets[0].name, Subnets: nets[0].subnets})
  })
})
