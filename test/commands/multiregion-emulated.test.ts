import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type EmulatedCloud, startEmulatedCloud} from './emulated-cloud.js'

/** `mrctl multiregion networking …` as typed, against the Tricircle emulator (see emulated-cloud.ts). */

let cloud: EmulatedCloud
beforeAll(async () => {
  cloud = await startEmulatedCloud()
})
afterAll(() => cloud?.close())

const NET = 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff'

async function pod(region: string, az = ''): Promise<string> {
  const r = await cloud.mrctl(['multiregion', 'networking', 'pod', 'create', '--region-name', region, ...(az ? ['--availability-zone', az] : []), '-f', 'json'])
  expect(r.code, r.stderr).toBe(0)
  return (JSON.parse(r.stdout) as {pod_id: string}).pod_id
}

describe('multiregion networking: what the real server answers with a bare 500', () => {
  let podId = ''
  beforeAll(async () => {
    await pod('CentralRegion')
    podId = await pod('RegionOne', 'az1')
  })

  it('routing create with a pod that does not exist: the 500, then a hint naming the pod (after listing the pods)', async () => {
    const missing = '0c0c0c0c-1d1d-4e4e-8f8f-909090909090'
    const r = await cloud.mrctl([
      'multiregion', 'networking', 'routing', 'create',
      '--top-id', NET, '--bottom-id', NET, '--pod-id', missing, '--project-id', 'p-admin', '--resource-type', 'network',
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Tricircle 500: Failed to create resource routing \(request req-[0-9a-f-]{36}\)\n/)
    expect(r.stderr).toContain(`  pod ${missing} does not exist: see mrctl multiregion networking pod list\n`)
  })

  it('pod delete of a pod a routing uses: the 500, then a hint naming the routing to delete first', async () => {
    const made = await cloud.mrctl([
      'multiregion', 'networking', 'routing', 'create',
      '--top-id', NET, '--bottom-id', NET, '--pod-id', podId, '--project-id', 'p-admin', '--resource-type', 'network', '-f', 'json',
    ])
    expect(made.code, made.stderr).toBe(0)
    const routingId = (JSON.parse(made.stdout) as {id: number}).id
    const r = await cloud.mrctl(['multiregion', 'networking', 'pod', 'delete', podId])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Failed to delete pod with name or ID '${podId}': Tricircle 500: Failed to delete pod`)
    expect(r.stderr).toContain(
      `1 resource routing(s) still use pod ${podId}; delete them first: mrctl multiregion networking routing delete ${routingId}`,
    )
    expect(cloud.tricircle.state.findPod(podId)).toBeDefined()
  })
})

describe('multiregion networking routing list: the date filters', () => {
  it('--created-at notadate: exit 2 naming the flag, nothing asked of the server', async () => {
    const r = await cloud.mrctl(['multiregion', 'networking', 'routing', 'list', '--created-at', 'notadate'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--created-at "notadate" is not a date and time')
  })

  it('a real date and time is sent as given', async () => {
    const r = await cloud.mrctl(['multiregion', 'networking', 'routing', 'list', '--updated-at', '2026-11-23 05:26:43', '-f', 'json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
  })
})
