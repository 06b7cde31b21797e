import {describe, expect, it} from 'vitest'

import {fakeCloud, runCli, TOKEN, useFakeCloud} from './harness.js'

const NET = {id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'container-net', subnets: [], status: 'ACTIVE', admin_state_up: true, shared: false}

describe('global options where openstack takes them (the built CLI, fake cloud)', () => {
  const clouds = useFakeCloud()

  it('`mrctl --os-region-name RegionOne network list -f json` runs in RegionOne', async () => {
    const cloud = await clouds.start({network: ['RegionTwo', 'RegionOne']})
    cloud.services.network.RegionOne.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, reply: {json: {networks: [NET]}}})
    const r = await runCli(['--os-region-name', 'RegionOne', 'network', 'list', '-f', 'json', '-c', 'Name'], {env: cloud.env})
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('[\n  {\n    "Name": "container-net"\n  }\n]\n')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('`mrctl --json network list` prints the envelope; `network --os-region-name R list` runs the command', async () => {
    // The cloud's first region is its default.
    const cloud = await clouds.start({network: ['RegionOne', 'RegionTwo']})
    cloud.services.network.RegionOne.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, reply: {json: {networks: [NET]}}})
    cloud.services.network.RegionTwo.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, reply: {json: {networks: []}}})
    const a = await runCli(['--json', 'network', 'list'], {env: cloud.env})
    expect(a.code).toBe(0)
    expect(JSON.parse(a.stdout)).toMatchObject({status: 0, result: [{ID: NET.id, Name: 'container-net'}], warnings: []})
    const b = await runCli(['network', '--os-region-name', 'RegionTwo', 'list', '-f', 'value'], {env: cloud.env})
    expect(b.code).toBe(0)
    expect(b.stdout).toBe('')
    expect(b.stderr).toBe('')
    cloud.verify()
  })

  it('-h is --help (exit 0), anywhere before the container’s command', async () => {
    const r = await runCli(['-h', 'network', 'list'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('USAGE\n  $ mrctl network list')
    const s = await runCli(['appcontainer', 'exec', '-h'])
    expect(s.code).toBe(0)
    expect(s.stdout).toContain('$ mrctl appcontainer exec')
  })

  it('arguments after a command that takes none: "Unexpected argument", exit 2 (not "command network:list:extra not found")', async () => {
    const r = await runCli(['network', 'list', 'extra'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('Unexpected argument: extra\n  see: mrctl network list --help\n')
  })
})

describe('mistakes get help', () => {
  it('a mistyped command: exit 2, "Did you mean", never the internal ID', async () => {
    const r = await runCli(['image', 'craete', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('"image craete" is not an mrctl command\n  Did you mean "image create"?\n  see: mrctl image --help\n')
    expect(r.stderr).not.toContain('image:craete')
  })

  it('the same under --json: the usage envelope on stdout', async () => {
    const r = await runCli(['--json', 'network', 'lisst'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout)).toEqual({
      status: 2,
      name: 'UsageError',
      code: 'UsageError',
      message: '"network lisst" is not an mrctl command',
      actions: ['Did you mean "network list"?', 'see: mrctl network --help'],
      warnings: [],
    })
  })

  it('a mistyped option: exit 2 with the option meant', async () => {
    const r = await runCli(['network', 'list', '--nmae', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('Nonexistent flag: --nmae\n  Did you mean "--name"?\n  see: mrctl network list --help\n')
  })

  it('a missing argument: no note that flags must come after arguments', async () => {
    const r = await runCli(['appcontainer', 'show'])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toMatch(/Note:|provide all arguments before|signify the end of the flags/)
    expect(r.stderr).toContain('Missing 1 required arg')
  })
})

describe('the "can be read by other users" warning', () => {
  it('is printed once per file per day, and is not in the next --json envelopes', async () => {
    const cloud = await fakeCloud({network: ['RegionOne']}, {cloudsMode: 0o644})
    try {
      cloud.services.network.RegionOne.on({method: 'GET', path: '/v2.0/networks', token: TOKEN, times: 3, reply: {json: {networks: []}}})
      const warning = `Warning: ${cloud.cloudsPath} holds a secret and can be read by other users: chmod 600 ${cloud.cloudsPath}\n`
      const first = await runCli(['network', 'list', '-f', 'value'], {env: cloud.env})
      expect(first.stderr).toBe(warning)
      const second = await runCli(['network', 'list', '-f', 'value'], {env: cloud.env})
      expect(second.stderr).toBe('')
      const json = await runCli(['network', 'list', '--json'], {env: cloud.env})
      expect(JSON.parse(json.stdout)).toEqual({status: 0, result: [], warnings: []})
      cloud.verify()
    } finally {
      await cloud.close()
    }
  })
})
