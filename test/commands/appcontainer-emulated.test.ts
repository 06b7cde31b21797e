import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type EmulatedCloud, startEmulatedCloud} from './emulated-cloud.js'

/** `mrctl appcontainer …` as typed, against the Zun emulator (see emulated-cloud.ts). */

let cloud: EmulatedCloud
beforeAll(async () => {
  cloud = await startEmulatedCloud()
})
afterAll(() => cloud?.close())

const uuidOf = (stdout: string): string => {
  const m = /\| uuid +\| ([0-9a-f-]{36}) +\|/.exec(stdout)
  if (!m) throw new Error(`no uuid in:\n${stdout}`)
  return m[1]
}

describe('appcontainer create/run at every microversion', () => {
  it('create at 1.1 and 1.2 sends only what was given, so it works (zunclient always sent auto_remove, refused below 1.3)', async () => {
    for (const v of ['1.1', '1.2']) {
      const r = await cloud.mrctl(['appcontainer', 'create', '--os-container-api-version', v, '--name', `old-${v.replace('.', '-')}`, 'cirros'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(cloud.zun.state.containers.get(uuidOf(r.stdout))?.image).toBe('cirros')
    }
  })

  it('an option newer than the version asked for: exit 2 naming the flag, nothing created', async () => {
    const before = cloud.zun.state.containers.size
    const r = await cloud.mrctl(['appcontainer', 'run', '--os-container-api-version', '1.2', '--auto-remove', 'cirros', 'echo', 'hi'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--auto-remove needs Zun API 1.3 or later; this request uses 1.2')
    expect(cloud.zun.state.containers.size).toBe(before)
    const ok = await cloud.mrctl(['appcontainer', 'run', '--os-container-api-version', '1.3', '--auto-remove', 'cirros', 'echo', 'hi'])
    expect(ok.code).toBe(0)
  })
})

describe('appcontainer start/restart/rebuild of a container no host ever took', () => {
  const uuids: Record<string, string> = {}
  beforeAll(async () => {
    const compute = cloud.zun.state.services.find((s) => s.binary === 'zun-compute')!
    compute.disabled = true
    try {
      for (const name of ['orphan', 'orphan2']) {
        const r = await cloud.mrctl(['appcontainer', 'create', '--name', name, 'cirros'], 'demo')
        expect(r.code).toBe(0)
        uuids[name] = uuidOf(r.stdout)
      }
    } finally {
      compute.disabled = false
    }
    expect(cloud.zun.state.containers.get(uuids.orphan)?.statusReason).toBe('There are not enough hosts available.')
  })
  const fix = (uuid: string, force = '') =>
    `To fix: delete it and create it again once a compute host can take it: mrctl appcontainer delete${force} ${uuid}\n`

  it('start, then restart: accepted (exit 0), each with a warning that nothing will happen and how to fix it', async () => {
    const u = uuids.orphan
    const started = await cloud.mrctl(['appcontainer', 'start', 'orphan'], 'demo')
    expect(started.code).toBe(0)
    expect(started.stdout).toBe('Request to start container orphan has been accepted\n')
    expect(started.stderr).toBe(
      `Warning: container orphan (${u}) was never scheduled on a compute host: Zun accepted the start, but nothing will happen; ` +
        `it stays Error (There are not enough hosts available.). ${fix(u)}`,
    )
    const restarted = await cloud.mrctl(['appcontainer', 'restart', 'orphan'], 'demo')
    expect(restarted.code).toBe(0)
    expect(restarted.stdout).toBe('Request to restart container orphan has been accepted\n')
    expect(restarted.stderr).toBe(
      `Warning: container orphan (${u}) was never scheduled on a compute host: Zun accepted the restart, but nothing will happen; ` +
        `it stays Restarting (There are not enough hosts available.). ${fix(u, ' --force')}`,
    )
  })

  it('rebuild --wait ends at once (exit 1) with the state and the reason', async () => {
    const u = uuids.orphan2
    const started = Date.now()
    const r = await cloud.mrctl(['appcontainer', 'rebuild', '--wait', 'orphan2'], 'demo')
    expect(r.code).toBe(1)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(r.stdout).toBe('Request to rebuild container orphan2 has been accepted\n')
    expect(r.stderr).toContain(
      `rebuild container orphan2 failed: Failed to rebuild container orphan2 (${u}): it was never scheduled on a compute host; ` +
        'it stays Rebuilding (There are not enough hosts available.)',
    )
    expect(r.stderr).toContain('1 of 1 containers failed to rebuild.')
  })
})

describe('appcontainer: schema errors', () => {
  it("a bad --name prints the field and the reason on one line; --debug adds jsonschema's full report", async () => {
    const r = await cloud.mrctl(['appcontainer', 'create', '--name', 'a', 'cirros'])
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n')[0]).toMatch(/^Zun 400: Invalid input for field 'name': 'a' is too short \(request req-[0-9a-f-]{36}\)$/)
    expect(r.stderr).not.toContain('Failed validating')
    const d = await cloud.mrctl(['appcontainer', 'create', '--debug', '--name', 'a', 'cirros'])
    expect(d.code).toBe(1)
    expect(d.stderr).toContain("The server's message in full:\nInvalid input for field 'name'.Value: 'a'. 'a' is too short\n\nFailed validating 'minLength'")
  })
})
