/**
 * The admin views rendered as the real client renders them: each expected table is copied from
 * osc-http-trace.txt (python-zunclient 4.5 against canned responses) or, where the trace's
 * canned bodies were too thin, from `openstack appcontainer …` run against the Zun emulator.
 */
import {describe, expect, it} from 'vitest'

import {renderList, renderShow} from '../../../src/output/index.js'
import {
  availabilityZoneListView,
  hostListView,
  hostShowView,
  imageListView,
  imageSearchView,
  imageShowView,
  quotaShowView,
  registryListView,
  registryShowView,
  serviceForcedDownView,
  serviceListView,
  serviceStateView,
} from '../../../src/views/zun-admin.js'
import type {ListView, ShowView} from '../../../src/views/common.js'

const table = (v: ListView) => renderList(v.headers, v.rows, 'table', {human: v.human})
const show = (v: ShowView) => renderShow(v.fields, v.values, 'table', {human: v.human})
const lines = (s: string) => `${s.trim().split('\n').map((l) => l.replace(/^\s*\| ?/, '')).join('\n')}\n`

describe('zun admin views', () => {
  it('availability zone list', () => {
    expect(table(availabilityZoneListView([{availability_zone: 'nova'}]))).toBe(
      lines(`
  | +-------------------+
  | | availability_zone |
  | +-------------------+
  | | nova              |
  | +-------------------+`),
    )
  })

  it('image list (size as the server sends it) and image show (every key, in order)', () => {
    const image = {uuid: 'i1', image_id: 'sha', repo: 'cirros', tag: 'latest', size: '1', host: 'node1', project_id: 'p1', links: []}
    expect(table(imageListView([image]))).toBe(
      lines(`
  | +------+----------+--------+--------+------+
  | | uuid | image_id | repo   | tag    | size |
  | +------+----------+--------+--------+------+
  | | i1   | sha      | cirros | latest | 1    |
  | +------+----------+--------+--------+------+`),
    )
    expect(show(imageShowView(image))).toBe(
      lines(`
  | +------------+--------+
  | | Field      | Value  |
  | +------------+--------+
  | | uuid       | i1     |
  | | image_id   | sha    |
  | | repo       | cirros |
  | | tag        | latest |
  | | size       | 1      |
  | | host       | node1  |
  | | project_id | p1     |
  | | links      | []     |
  | +------------+--------+`),
    )
  })

  it('image search: columns read from the lower-case keys; a Docker Hub hit fills Name and Metadata (a Python dict repr)', () => {
    const v = imageSearchView([{name: 'cirros', description: 'd', is_automated: false, metadata: {is_official: false, star_count: 44}}])
    expect(v.rows).toEqual([['', 'cirros', '', '', '', {is_official: false, star_count: 44}]])
    expect(table(v)).toBe(
      lines(`
  | +----+--------+------+--------+------+------------------------------------------+
  | | ID | Name   | Tags | Status | Size | Metadata                                 |
  | +----+--------+------+--------+------+------------------------------------------+
  | |    | cirros |      |        |      | {'is_official': False, 'star_count': 44} |
  | +----+--------+------+--------+------+------------------------------------------+`),
    )
    expect(JSON.parse(renderList(v.headers, v.rows, 'json', {}))).toEqual([
      {ID: '', Name: 'cirros', Tags: '', Status: '', Size: '', Metadata: {is_official: false, star_count: 44}},
    ])
  })

  it('host list: numbers right-aligned; host show keeps links, labels and runtimes as Python reprs', () => {
    const host = {uuid: 'h1', links: [{href: 'http://z/v1/hosts/h1', rel: 'self'}], hostname: 'node1', mem_total: 1, cpus: 2, labels: {}, runtimes: ['runc'], disk_total: 3}
    expect(table(hostListView([host]))).toBe(
      lines(`
  | +------+----------+-----------+------+------------+
  | | uuid | hostname | mem_total | cpus | disk_total |
  | +------+----------+-----------+------+------------+
  | | h1   | node1    |         1 |    2 |          3 |
  | +------+----------+-----------+------+------------+`),
    )
    const v = hostShowView(host)
    expect(v.fields).toEqual(['uuid', 'links', 'hostname', 'mem_total', 'cpus', 'labels', 'runtimes', 'disk_total'])
    const cells = show(v)
      .split('\n')
      .map((l) => l.split('|').map((c) => c.trim()).filter(Boolean))
    expect(cells).toContainEqual(['links', "[{'href': 'http://z/v1/hosts/h1', 'rel': 'self'}]"])
    expect(cells).toContainEqual(['labels', '{}'])
    expect(cells).toContainEqual(['runtimes', "['runc']"])
  })

  it('service list: the title-case headers map to the snake_case keys', () => {
    const svc = {id: 1, host: 'node1', binary: 'zun-compute', state: 'up', disabled: false, disabled_reason: null, updated_at: null, availability_zone: 'nova', forced_down: false}
    expect(table(serviceListView([svc]))).toBe(
      lines(`
  | +----+-------+-------------+-------+----------+-----------------+------------+-------------------+
  | | Id | Host  | Binary      | State | Disabled | Disabled Reason | Updated At | Availability Zone |
  | +----+-------+-------------+-------+----------+-----------------+------------+-------------------+
  | |  1 | node1 | zun-compute | up    | False    | None            | None       | nova              |
  | +----+-------+-------------+-------+----------+-----------------+------------+-------------------+`),
    )
  })

  it('service enable/disable and forcedown: fixed fields from the "service" dict', () => {
    expect(show(serviceStateView({host: 'node1', binary: 'zun-compute', disabled: false, disabled_reason: null}))).toBe(
      lines(`
  | +-----------------+-------------+
  | | Field           | Value       |
  | +-----------------+-------------+
  | | Host            | node1       |
  | | Binary          | zun-compute |
  | | Disabled        | False       |
  | | Disabled Reason | None        |
  | +-----------------+-------------+`),
    )
    const fd = serviceForcedDownView({host: 'node1', binary: 'zun-compute', forced_down: true})
    expect(fd.fields).toEqual(['Host', 'Binary', 'Forced_down'])
    expect(fd.values).toEqual(['node1', 'zun-compute', true])
    expect(JSON.parse(renderShow(fd.fields, fd.values, 'json', {}))).toEqual({Host: 'node1', Binary: 'zun-compute', Forced_down: true})
  })

  it('quota get: keys in the server order; with usages each value is a dict', () => {
    expect(show(quotaShowView({containers: 40, memory: 51200, cpu: 20, disk: 100}))).toBe(
      lines(`
  | +------------+-------+
  | | Field      | Value |
  | +------------+-------+
  | | containers | 40    |
  | | memory     | 51200 |
  | | cpu        | 20    |
  | | disk       | 100   |
  | +------------+-------+`),
    )
    expect(show(quotaShowView({containers: {limit: 40, in_use: 0}}))).toContain("| containers | {'limit': 40, 'in_use': 0} |")
  })

  it('registry create/show/update: the keys sorted; registry list', () => {
    const reg = {uuid: 'r1', links: [], name: 'reg', domain: 'd', username: 'u', password: '***', user_id: 'u1', project_id: 'p1'}
    expect(show(registryShowView(reg))).toBe(
      lines(`
  | +------------+-------+
  | | Field      | Value |
  | +------------+-------+
  | | domain     | d     |
  | | links      | []    |
  | | name       | reg   |
  | | password   | ***   |
  | | project_id | p1    |
  | | user_id    | u1    |
  | | username   | u     |
  | | uuid       | r1    |
  | +------------+-------+`),
    )
    expect(table(registryListView([reg]))).toBe(
      lines(`
  | +------+------+--------+----------+----------+
  | | uuid | name | domain | username | password |
  | +------+------+--------+----------+----------+
  | | r1   | reg  | d      | u        | ***      |
  | +------+------+--------+----------+----------+`),
    )
  })
})
