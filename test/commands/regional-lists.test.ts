import {describe, expect, it} from 'vitest'

import {runCli, TOKEN, useFakeCloud} from './harness.js'

const container = (name: string, uuid: string) => ({uuid, name, image: 'cirros', status: 'Running', task_state: null, addresses: {}, ports: []})

describe('--region / --all-regions on every regional list (Zun lists too)', () => {
  const clouds = useFakeCloud()

  it('`appcontainer list --all-regions`: every region in parallel, a Region column; a failed region on stderr, exit 3', async () => {
    const cloud = await clouds.start({container: ['RegionOne', 'RegionTwo', 'RegionThree']})
    const zun = cloud.services.container
    const v = {'openstack-api-version': 'container 1.12'}
    zun.RegionOne.on({method: 'GET', path: '/v1/containers', token: TOKEN, headers: v, reply: {json: {containers: [container('c1', 'u-1')], next: null}}})
    zun.RegionTwo.on({method: 'GET', path: '/v1/containers', token: TOKEN, headers: v, reply: {status: 503, json: {errors: [{detail: 'zun-api is down'}]}}, times: 3})
    zun.RegionThree.on({method: 'GET', path: '/v1/containers', token: TOKEN, headers: v, reply: {json: {containers: [container('c3', 'u-3')], next: null}}})
    const r = await runCli(['appcontainer', 'list', '--all-regions', '--os-container-api-version', '1.12', '-f', 'csv', '-c', 'Region', '-c', 'name', '--http-timeout', '5'], {env: cloud.env})
    expect(r.stdout).toBe('"Region","name"\n"RegionOne","c1"\n"RegionThree","c3"\n')
    expect(r.stderr).toMatch(/^Warning: RegionTwo: Zun 503: zun-api is down/)
    expect(r.code).toBe(3)
    cloud.verify()
  })

  it('`appcontainer service list --region A --region B -f json`: both, in the order given', async () => {
    const cloud = await clouds.start({container: ['RegionOne', 'RegionTwo']})
    const svc = (host: string) => ({id: 1, host, binary: 'zun-compute', state: 'up', disabled: false, disabled_reason: null, updated_at: null, availability_zone: 'nova', report_count: 1, forced_down: false, created_at: null})
    for (const r of ['RegionOne', 'RegionTwo'] as const) {
      cloud.services.container[r].on({method: 'GET', path: '/v1/services', token: TOKEN, reply: {json: {services: [svc(`host-${r}`)]}}})
    }
    const r = await runCli(['appcontainer', 'service', 'list', '--region', 'RegionTwo', '--region', 'RegionOne', '--os-container-api-version', '1.12', '-f', 'value', '-c', 'Region', '-c', 'Host'], {env: cloud.env})
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('RegionTwo host-RegionTwo\nRegionOne host-RegionOne\n')
    expect(r.code).toBe(0)
  })
})
