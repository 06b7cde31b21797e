/**
 * Ctrl-C (SIGINT) during the commands that leave something behind: every interrupt prints what
 * exists now, with the command that removes it (carrying the region and cloud options), and exits
 * 130. The fakes hold each request as long as the test needs, so each interrupt lands where it
 * should; the test sends the signal once the request it waits for has arrived.
 */
import http from 'node:http'
import {type AddressInfo} from 'node:net'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tmpdir} from 'node:os'

import {afterEach, describe, expect, it} from 'vitest'

import {runCli, TOKEN, until, useFakeCloud} from './harness.js'

const LB = '0b2e6f3c-5d4a-4e1b-9c8d-7f6e5d4c3b2a'
const SUBNET = '9a1c3f45-dfd1-4069-aceb-395e874a3bf5'
const lb = (status: string) => ({loadbalancer: {id: LB, name: 'lb1', provisioning_status: status, operating_status: 'OFFLINE', vip_subnet_id: SUBNET}})
const LB_BODY = {loadbalancer: {name: 'lb1', vip_subnet_id: SUBNET, admin_state_up: true}}

describe('interrupts that say what exists (built CLI, fake cloud)', () => {
  const clouds = useFakeCloud()

  it('Ctrl-C during `loadbalancer create --wait`: the load balancer, its state, the paste-able delete; exit 130', async () => {
    const cloud = await clouds.start({'load-balancer': ['RegionOne', 'RegionTwo']})
    const octavia = cloud.services['load-balancer'].RegionTwo
    octavia.on({method: 'POST', path: '/v2/lbaas/loadbalancers', token: TOKEN, json: LB_BODY, reply: {status: 201, json: lb('PENDING_CREATE')}})
    octavia.on({method: 'GET', path: `/v2/lbaas/loadbalancers/${LB}`, token: TOKEN, reply: {json: lb('PENDING_CREATE')}})
    const r = await runCli(['--os-region-name', 'RegionTwo', 'loadbalancer', 'create', '--name', 'lb1', '--vip-subnet-id', SUBNET, '--wait'], {
      env: cloud.env,
      onSpawn: (child) => {
        void until(() => octavia.calls('GET', `/v2/lbaas/loadbalancers/${LB}`).length === 1, 15_000, 'the first poll').then(() => child.kill('SIGINT'))
      },
    })
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `\nInterrupted.\nload balancer lb1 (id ${LB}) was created in RegionTwo and is PENDING_CREATE; ` +
        `delete it with: mrctl --os-region-name RegionTwo loadbalancer delete --cascade ${LB}\n`,
    )
    expect(r.code).toBe(130)
    cloud.verify()
  })

  it('the same under --json: the envelope (status 130) lists it with the remove command', async () => {
    const cloud = await clouds.start({'load-balancer': ['RegionOne']})
    const octavia = cloud.services['load-balancer'].RegionOne
    octavia.on({method: 'POST', path: '/v2/lbaas/loadbalancers', token: TOKEN, json: LB_BODY, reply: {status: 201, json: lb('PENDING_CREATE')}})
    octavia.on({method: 'GET', path: `/v2/lbaas/loadbalancers/${LB}`, token: TOKEN, reply: {json: lb('PENDING_CREATE')}})
    const r = await runCli(['loadbalancer', 'create', '--json', '--name', 'lb1', '--vip-subnet-id', SUBNET, '--wait'], {
      env: cloud.env,
      onSpawn: (child) => {
        void until(() => octavia.calls('GET', `/v2/lbaas/loadbalancers/${LB}`).length === 1, 15_000, 'the first poll').then(() => child.kill('SIGINT'))
      },
    })
    expect(r.code).toBe(130)
    const env = JSON.parse(r.stdout)
    expect(env).toMatchObject({status: 130, name: 'InterruptedError', code: 'Interrupted', message: 'interrupted'})
    expect(env.data.leftovers).toEqual([
      {what: `load balancer lb1 (id ${LB})`, region: 'RegionOne', state: 'PENDING_CREATE', remove: `mrctl --os-region-name RegionOne loadbalancer delete --cascade ${LB}`},
    ])
  })

  it('--rm-on-interrupt: the load balancer is deleted and waited for, then exit 130', async () => {
    const cloud = await clouds.start({'load-balancer': ['RegionOne']})
    const octavia = cloud.services['load-balancer'].RegionOne
    octavia.on({method: 'POST', path: '/v2/lbaas/loadbalancers', token: TOKEN, json: LB_BODY, reply: {status: 201, json: lb('PENDING_CREATE')}})
    octavia.on({
      method: 'GET',
      path: `/v2/lbaas/loadbalancers/${LB}`,
      token: TOKEN,
      reply: [{json: lb('PENDING_CREATE')}, {status: 404, json: {faultcode: 'Client', faultstring: `Load Balancer ${LB} not found.`}}],
    })
    octavia.on({method: 'DELETE', path: `/v2/lbaas/loadbalancers/${LB}`, query: {cascade: 'true'}, token: TOKEN, reply: {status: 204}})
    const r = await runCli(['loadbalancer', 'create', '--name', 'lb1', '--vip-subnet-id', SUBNET, '--wait', '--rm-on-interrupt'], {
      env: cloud.env,
      onSpawn: (child) => {
        void until(() => octavia.calls('GET', `/v2/lbaas/loadbalancers/${LB}`).length === 1, 15_000, 'the first poll').then(() => child.kill('SIGINT'))
      },
    })
    expect(r.stderr).toContain(`Interrupted: deleting load balancer ${LB} once Octavia lets it go (--rm-on-interrupt) (Ctrl-C again to stop now)`)
    expect(r.stderr).toContain(`Deleted load balancer ${LB} (--rm-on-interrupt).`)
    expect(r.stderr).not.toContain('delete it with')
    expect(r.code).toBe(130)
    cloud.verify()
  })

  it('Ctrl-C during a multi-item `network delete`: what was done, under way and not tried, and the command for the rest', async () => {
    const cloud = await clouds.start({network: ['RegionOne']})
    const neutron = cloud.services.network.RegionOne
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444']
    for (const [i, id] of ids.slice(0, 3).entries()) {
      neutron.on({method: 'GET', path: `/v2.0/networks/${id}`, token: TOKEN, reply: {json: {network: {id, name: `n${i + 1}`}}}})
      // The third DELETE is held: the interrupt comes while it is under way.
      neutron.on({method: 'DELETE', path: `/v2.0/networks/${id}`, token: TOKEN, reply: {status: 204, delayMs: i === 2 ? 60_000 : 0}})
    }
    const r = await runCli(['network', 'delete', ...ids], {
      env: cloud.env,
      onSpawn: (child) => {
        void until(() => neutron.calls('DELETE', `/v2.0/networks/${ids[2]}`).length === 1, 15_000, 'the third DELETE').then(() => child.kill('SIGINT'))
      },
    })
    expect(r.stderr).toBe(
      [
        '',
        'Interrupted.',
        `2 of 4 networks done: ${ids[0]}, ${ids[1]}`,
        `under way when interrupted (it may or may not be done): ${ids[2]}`,
        `not tried: ${ids[3]}`,
        `to delete the rest: mrctl network delete ${ids[2]} ${ids[3]}`,
        '',
      ].join('\n'),
    )
    expect(r.code).toBe(130)
  })
})

describe('image create: the second Ctrl-C while the clean-up DELETE is slow', () => {
  let server: http.Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise((r) => server?.close(r))
    server = undefined
  })

  it('prints the queued image it leaves, with the command that deletes it; exit 130', async () => {
    // Glance takes the record, then holds the upload and the DELETE (a hand-made server: the body is a file).
    const IMAGE = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d'
    const seen: string[] = []
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`)
      req.resume()
      if (req.method === 'POST' && req.url === '/v2/images') {
        const body = JSON.stringify({id: IMAGE, name: 'cirros', status: 'queued', disk_format: 'raw', container_format: 'bare', visibility: 'shared', tags: []})
        res.writeHead(201, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)}).end(body)
      }
      // PUT …/file and DELETE …: never answered.
    })
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()))
    const glance = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const file = join(tmpdir(), `mrctl-cmd-image-${process.pid}.img`)
    writeFileSync(file, Buffer.alloc(64 * 1024, 7))
    const withGlance = await fakeCloudWithImage(glance)
    try {
      const r = await runCli(['--os-region-name', 'RegionOne', 'image', 'create', 'cirros', '--file', file], {
        env: withGlance.env,
        onSpawn: (child) => {
          void (async () => {
            await until(() => seen.some((s) => s.startsWith('PUT ')), 15_000, 'the upload')
            child.kill('SIGINT')
            await until(() => seen.some((s) => s.startsWith('DELETE ')), 15_000, 'the clean-up DELETE')
            child.kill('SIGINT')
          })()
        },
      })
      expect(r.stderr).toContain(`\nInterrupted: stopping the upload and deleting image ${IMAGE} (Ctrl-C again to stop now)\n`)
      expect(r.stderr).toContain(
        `\nInterrupted.\nimage cirros (id ${IMAGE}) was created in RegionOne and is queued; delete it with: mrctl --os-region-name RegionOne image delete ${IMAGE}\n`,
      )
      expect(r.code).toBe(130)
      expect(seen).toEqual(['POST /v2/images', `PUT /v2/images/${IMAGE}/file`, `DELETE /v2/images/${IMAGE}`])
    } finally {
      await withGlance.close()
    }
  })
})

/** A fake cloud whose catalog has an image service at `url` in RegionOne (and nothing else). */
async function fakeCloudWithImage(url: string) {
  const {FakeServer} = await import('../fakes/server.js')
  const {expectTokenIssue, multiRegionCatalog, passwordBody} = await import('../fakes/keystone.js')
  const keystone = await FakeServer.start('keystone')
  expectTokenIssue(keystone, {body: passwordBody('admin', 'Sup3r-Secret-Pa55', 'admin'), tokens: [TOKEN], catalog: multiRegionCatalog({image: {RegionOne: url}})})
  const dir = join(tmpdir(), `mrctl-cmd-glance-${process.pid}-${Date.now()}`)
  const {mkdirSync} = await import('node:fs')
  mkdirSync(dir, {recursive: true})
  const clouds = join(dir, 'clouds.yaml')
  writeFileSync(
    clouds,
    `clouds:\n  fake:\n    auth:\n      auth_url: ${keystone.url}/v3\n      username: admin\n      password: Sup3r-Secret-Pa55\n      project_name: admin\n    regions: [RegionOne]\n`,
    {mode: 0o600},
  )
  return {env: {OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: 'fake', MRCTL_CONFIG_DIR: join(dir, 'config')}, close: () => keystone.close()}
}
