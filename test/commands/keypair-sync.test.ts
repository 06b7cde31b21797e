// `keypair sync` against loopback fakes of Nova's os-keypairs API: the test services have no Nova,
// so each handler here asserts the request it gets (method, path, token, microversion, body).
import {describe, expect, it} from 'vitest'

import {runCli, TOKEN, useFakeCloud} from './harness.js'

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm1 user@host'
const OTHER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther other@host'
const MV = {'openstack-api-version': 'compute 2.2', 'x-openstack-nova-api-version': '2.2'}
const keypair = (public_key: string) => ({keypair: {name: 'mykey', public_key, fingerprint: 'aa:bb', type: 'ssh', user_id: 'u1'}})
const notFound = {status: 404, json: {itemNotFound: {code: 404, message: 'Keypair mykey not found for user u1'}}}
const PATH = '/v2.1/os-keypairs/mykey'

describe('keypair sync (Nova os-keypairs, loopback fakes)', () => {
  const clouds = useFakeCloud()

  it('creates where missing, leaves an equal key alone, skips and names a region without compute', async () => {
    const cloud = await clouds.start({compute: ['RegionOne', 'RegionTwo', 'RegionThree'], network: ['CentralRegion']})
    const nova = cloud.services.compute
    nova.RegionOne.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(PUBLIC_KEY)}})
    nova.RegionTwo.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: notFound})
    nova.RegionTwo.on({
      method: 'POST', path: '/v2.1/os-keypairs', token: TOKEN, headers: MV,
      json: {keypair: {name: 'mykey', public_key: PUBLIC_KEY, type: 'ssh'}},
      reply: {json: keypair(PUBLIC_KEY)},
    })
    // The same key with another comment is the same key.
    nova.RegionThree.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(`${PUBLIC_KEY.replace(/ \S+$/, '')} me@laptop`)}})
    const r = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--to', 'CentralRegion', '-f', 'value'], {env: cloud.env})
    expect(r.stderr).toBe('Warning: skipped (no compute endpoint): CentralRegion\n')
    expect(r.stdout).toBe('RegionTwo created \nRegionThree in sync \nCentralRegion skipped no compute (Nova) endpoint\n')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('another key under the name: a failure naming --force, nothing written; --force deletes and imports', async () => {
    const cloud = await clouds.start({compute: ['RegionOne', 'RegionTwo']})
    const nova = cloud.services.compute
    nova.RegionOne.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(PUBLIC_KEY)}, times: 2})
    nova.RegionTwo.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(OTHER_KEY)}, times: 2})
    const refused = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--to', 'RegionTwo', '--json'], {env: cloud.env})
    expect(refused.code).toBe(1)
    const env = JSON.parse(refused.stdout)
    expect(env).toMatchObject({status: 1, message: '1 of 1 regions failed to sync keypair mykey.', actions: ['replace it with --force']})
    expect(env.data.targets).toEqual([{Region: 'RegionTwo', Result: 'failed', Reason: 'RegionTwo has a keypair mykey with another public key'}])

    nova.RegionTwo.on({method: 'DELETE', path: PATH, token: TOKEN, headers: MV, reply: {status: 202}})
    nova.RegionTwo.on({
      method: 'POST', path: '/v2.1/os-keypairs', token: TOKEN, headers: MV,
      json: {keypair: {name: 'mykey', public_key: PUBLIC_KEY, type: 'ssh'}},
      reply: {json: keypair(PUBLIC_KEY)},
    })
    const forced = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--to', 'RegionTwo', '--force', '-f', 'value', '-c', 'Result'], {env: cloud.env})
    expect([forced.code, forced.stdout, forced.stderr]).toEqual([0, 'replaced\n', ''])
    cloud.verify()
  })

  it('--dry-run reads only; --all-regions takes every other region', async () => {
    const cloud = await clouds.start({compute: ['RegionOne', 'RegionTwo', 'RegionThree']})
    const nova = cloud.services.compute
    nova.RegionOne.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(PUBLIC_KEY)}})
    nova.RegionTwo.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: notFound})
    nova.RegionThree.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: {json: keypair(OTHER_KEY)}})
    const r = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--all-regions', '--dry-run', '--force', '-f', 'csv'], {env: cloud.env})
    expect(r.stdout).toBe('"Region","Result","Reason"\n"RegionTwo","would create",""\n"RegionThree","would replace",""\n')
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('bad input changes nothing: a keypair missing in --from (exit 1), --from without compute (exit 1), an unknown region (exit 2)', async () => {
    const cloud = await clouds.start({compute: ['RegionOne', 'RegionTwo'], network: ['CentralRegion']})
    cloud.services.compute.RegionOne.on({method: 'GET', path: PATH, token: TOKEN, headers: MV, reply: notFound})
    const missing = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--to', 'RegionTwo'], {env: cloud.env})
    expect([missing.code, missing.stdout]).toEqual([1, ''])
    expect(missing.stderr).toContain('No Keypair found for mykey in RegionOne')
    const noNova = await runCli(['keypair', 'sync', 'mykey', '--from', 'CentralRegion', '--to', 'RegionTwo'], {env: cloud.env})
    expect(noNova.code).toBe(1)
    expect(noNova.stderr).toContain('CentralRegion has no compute (Nova) endpoint: there is no keypair to copy from\n  regions with compute: RegionOne, RegionTwo')
    const unknown = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne', '--to', 'Nowhere'], {env: cloud.env})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--to Nowhere: not a region of cloud fake')
    const none = await runCli(['keypair', 'sync', 'mykey', '--from', 'RegionOne'], {env: cloud.env})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('name the target regions: --to REGION (repeatable) or --all-regions')
    cloud.verify()
  })
})
