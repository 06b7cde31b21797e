import {describe, expect, it} from 'vitest'

import type {Container} from '../../../src/clients/zun/containers.js'
import {renderList, renderShow} from '../../../src/output/index.js'
import {
  CONTAINER_ITEM_MESSAGES,
  containerActionListView,
  containerActionShowView,
  containerListView,
  containerNetworkListView,
  containerShowView,
  containerStatsView,
  containerTopView,
  flattenAddresses,
} from '../../../src/views/zun-container.js'

/** What python-zunclient prints, from the canned responses of docs/zun/osc-http-trace.txt. */

const UUID = 'b0694d40-70af-4488-b104-10f66b593347'
const NET = '2ede1821-1334-4e8b-b731-d3a82b41f42f'

function c(over: Record<string, unknown> = {}): Container {
  return {
    uuid: UUID,
    name: 'test',
    image: 'cirros',
    status: 'Running',
    task_state: null,
    status_reason: null,
    status_detail: null,
    addresses: {[NET]: [{addr: '172.24.4.3', version: 4, port: 'p1', subnet_id: 's1', preserve_on_delete: false}]},
    ports: [80],
    command: ['sleep', '3600'],
    cpu: 1.0,
    memory: '512',
    environment: {},
    labels: {},
    workdir: null,
    restart_policy: {},
    interactive: false,
    security_groups: ['default'],
    ...over,
  }
}

const table = (lines: string[]) => `${lines.join('\n')}\n`

describe('zun container views', () => {
  it('list: uuid, name, image, status, task_state, addresses (IPs), ports as [80]', () => {
    const v = containerListView([c()])
    expect(renderList(v.headers, v.rows, 'table', {human: v.human})).toBe(
      table([
        '+--------------------------------------+------+--------+---------+------------+------------+-------+',
        '| uuid                                 | name | image  | status  | task_state | addresses  | ports |',
        '+--------------------------------------+------+--------+---------+------------+------------+-------+',
        '| b0694d40-70af-4488-b104-10f66b593347 | test | cirros | Running | None       | 172.24.4.3 | [80]  |',
        '+--------------------------------------+------+--------+---------+------------+------------+-------+',
      ]),
    )
    expect(JSON.parse(renderList(v.headers, v.rows, 'json', {}))).toEqual([
      {uuid: UUID, name: 'test', image: 'cirros', status: 'Running', task_state: null, addresses: '172.24.4.3', ports: [80]},
    ])
  })

  it('show: the server’s key order, Python reprs, cpu as 1.0, addresses flattened and networks appended', () => {
    const v = containerShowView(c(), {flatten: true})
    expect(v.fields).toEqual([
      'uuid', 'name', 'image', 'status', 'task_state', 'status_reason', 'status_detail', 'addresses', 'ports', 'command', 'cpu',
      'memory', 'environment', 'labels', 'workdir', 'restart_policy', 'interactive', 'security_groups', 'networks',
    ])
    const out = renderShow(v.fields, v.values, 'table', {human: v.human})
    for (const line of [
      '| addresses       | 172.24.4.3                           |',
      "| command         | ['sleep', '3600']                    |",
      '| cpu             | 1.0                                  |',
      '| environment     | {}                                   |',
      '| workdir         | None                                 |',
      '| interactive     | False                                |',
      "| security_groups | ['default']                          |",
      `| networks        | ${NET} |`,
    ]) {
      expect(out).toContain(line)
    }
  })

  it('create/run/set: the raw addresses dict', () => {
    const v = containerShowView(c(), {flatten: false})
    expect(v.fields).not.toContain('networks')
    expect(v.human.addresses(v.values[v.fields.indexOf('addresses')])).toBe(
      `{'${NET}': [{'addr': '172.24.4.3', 'version': 4, 'port': 'p1', 'subnet_id': 's1', 'preserve_on_delete': False}]}`,
    )
  })

  it('format_container_addresses: null or {} gives "" (no error), several networks keep their order', () => {
    expect(flattenAddresses(null)).toEqual({addresses: '', networks: ''})
    expect(flattenAddresses({n1: [{addr: '10.0.0.5'}, {addr: 'fd00::5'}], n2: [{addr: '10.1.0.7'}]})).toEqual({
      addresses: '10.0.0.5, fd00::5, 10.1.0.7',
      networks: 'n1, n2',
    })
  })

  it('network list: the fixed IPs joined with ","', () => {
    const v = containerNetworkListView([{net_id: 'n1', port_id: 'p1', fixed_ips: [{ip_address: '10.0.0.5'}]}])
    expect(renderList(v.headers, v.rows, 'table', {human: v.human})).toBe(
      table([
        '+--------+---------+-----------+',
        '| net_id | port_id | fixed_ips |',
        '+--------+---------+-----------+',
        '| n1     | p1      | 10.0.0.5  |',
        '+--------+---------+-----------+',
      ]),
    )
  })

  it('stats: the keys as fields', () => {
    const v = containerStatsView({
      CONTAINER: 'test', 'CPU %': 1.5, 'MEM USAGE(MiB)': 7, 'MEM LIMIT(MiB)': 512, 'MEM %': 1.3, 'BLOCK I/O(B)': '0/0', 'NET I/O(B)': '10/20',
    })
    expect(renderShow(v.fields, v.values, 'table', {human: v.human})).toBe(
      table([
        '+----------------+-------+',
        '| Field          | Value |',
        '+----------------+-------+',
        '| CONTAINER      | test  |',
        '| CPU %          | 1.5   |',
        '| MEM USAGE(MiB) | 7     |',
        '| MEM LIMIT(MiB) | 512   |',
        '| MEM %          | 1.3   |',
        '| BLOCK I/O(B)   | 0/0   |',
        '| NET I/O(B)     | 10/20 |',
        '+----------------+-------+',
      ]),
    )
  })

  it('action list and show', () => {
    const a = {action: 'create', container_uuid: UUID, message: null, project_id: 'p1', request_id: 'req-1', start_time: '2018-03-04T19:48:49.000000', finish_time: null, user_id: 'u1'}
    const l = containerActionListView([a])
    expect(renderList(l.headers, l.rows, 'table', {human: l.human})).toBe(
      table([
        '+---------+--------------------------------------+------------+--------+---------+----------------------------+',
        '| user_id | container_uuid                       | request_id | action | message | start_time                 |',
        '+---------+--------------------------------------+------------+--------+---------+----------------------------+',
        '| u1      | b0694d40-70af-4488-b104-10f66b593347 | req-1      | create | None    | 2018-03-04T19:48:49.000000 |',
        '+---------+--------------------------------------+------------+--------+---------+----------------------------+',
      ]),
    )
    const events = [{event: 'compute__do_container_create', start_time: 'x', finish_time: 'y', result: 'Success', traceback: null}]
    const s = containerActionShowView({...a, events})
    expect(s.fields).toEqual(['action', 'container_uuid', 'message', 'project_id', 'request_id', 'start_time', 'finish_time', 'user_id', 'events'])
    expect(renderShow(s.fields, s.values, 'table', {human: s.human})).toContain(
      "| events         | [{'event': 'compute__do_container_create', 'start_time': 'x', 'finish_time': 'y', 'result': 'Success', 'traceback': None}] |",
    )
  })

  it('top: a table (python-zunclient crashes here on Python 3)', () => {
    const v = containerTopView({Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '1', 'sleep 3600'], ['root', '7', 'sh']]})
    expect(renderList(v.headers, v.rows, 'table', {human: v.human})).toBe(
      table([
        '+------+-----+------------+',
        '| UID  | PID | CMD        |',
        '+------+-----+------------+',
        '| root | 1   | sleep 3600 |',
        '| root | 7   | sh         |',
        '+------+-----+------------+',
      ]),
    )
  })

  it('the per-container lines, word for word', () => {
    const m = CONTAINER_ITEM_MESSAGES
    expect(m.delete.accepted('web')).toBe('Request to delete container web has been accepted.')
    expect(m.delete.failed('missing', 'X (HTTP 404)')).toBe('Delete for container missing failed: X (HTTP 404)')
    expect(m.start.accepted('web')).toBe('Request to start container web has been accepted')
    expect(m.stop.accepted('web')).toBe('Request to stop container web has been accepted.')
    expect(m.restart.accepted('web')).toBe('Request to restart container web has been accepted')
    expect(m.pause.accepted('web')).toBe('Request to pause container web has been accepted')
    expect(m.unpause.accepted('web')).toBe('Request to unpause container web has been accepted')
    expect(m.kill.accepted('web')).toBe('Request to send kill signal to container web has been accepted')
    expect(m.rebuild.accepted('web')).toBe('Request to rebuild container web has been accepted')
  })
})
