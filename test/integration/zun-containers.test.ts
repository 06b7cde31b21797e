import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {endpoint, mrctl, type RunResult, startEmulators, tempConfigDir, token as adminToken, uniqueName} from './harness.js'

/**
 * `mrctl appcontainer …` against the Zun emulator (real target: `mrctl sim up --cloud --services zun`,
 * which uses the real Keystone, the real CentralRegion Neutron (Kuryr ports) and RegionOne's real
 * Glance; sim target: the simulated cloud's, whose Kuryr ports land in the central Neutron too).
 * Fixtures (a network with a subnet, a docker-format and a bare-format image) are made directly
 * on Neutron and Glance, and removed afterwards with everything the tests left.
 */

const NEUTRON = endpoint('network', 'CentralRegion')
const GLANCE = endpoint('image', 'RegionOne')

const configDir = tempConfigDir()
/** Zun lives in RegionOne (the cloud's default region is CentralRegion); OS_REGION_NAME, as the
 * flag would be swallowed by the command of run and exec (everything after <image>/<container>). */
const run = (args: string[], input?: string): Promise<RunResult> =>
  mrctl(['appcontainer', ...args], {configDir, env: {OS_REGION_NAME: 'RegionOne'}, input})

let token = ''
let emulators: {stop(): Promise<void>} | undefined
const net = {id: '', name: uniqueName('zc-net'), subnetId: '', prefix: ''}
const images = {docker: {id: '', name: uniqueName('zc-img')}, bare: {id: '', name: uniqueName('zc-bare')}}
const prefix = uniqueName('zc')
const names = {main: `${prefix}-main`, renamed: `${prefix}-renamed`, badnet: `${prefix}-badnet`, bareimg: `${prefix}-bareimg`, slow: `${prefix}-slow`, tty: `${prefix}-tty`}

async function api(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<{status: number; json: any}> {
  const res = await fetch(url, {
    method,
    headers: {'X-Auth-Token': token, ...(body === undefined ? {} : {'Content-Type': contentType})},
    body: body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return {status: res.status, json}
}

async function glanceImage(name: string, containerFormat: string): Promise<string> {
  const made = await api('POST', `${GLANCE}/v2/images`, {name, container_format: containerFormat, disk_format: 'raw', visibility: 'private'})
  expect(made.status).toBe(201)
  const up = await api('PUT', `${GLANCE}/v2/images/${made.json.id}/file`, new TextEncoder().encode('not really a docker image\n'), 'application/octet-stream')
  expect(up.status).toBe(204)
  return made.json.id as string
}

/** The container as `show -f json` prints it, or undefined once it is gone (404). */
async function show(ref: string): Promise<Record<string, any> | undefined> {
  const r = await run(['show', ref, '-f', 'json'])
  if (r.code !== 0) {
    expect(r.stderr).toContain('Zun 404')
    return undefined
  }
  return r.json
}

/** Polls show until the status is `status` (a deadline, never a bare sleep). */
async function until(ref: string, status: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const c = await show(ref)
    if (c?.status === status) return c
    if (Date.now() > deadline) throw new Error(`${ref} did not become ${status} (last: ${c?.status})`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

async function portsOf(deviceId: string): Promise<Array<Record<string, any>>> {
  return (await api('GET', `${NEUTRON}/v2.0/ports?device_id=${deviceId}`)).json.ports
}

beforeAll(async () => {
  token = await adminToken()
  emulators = await startEmulators(['zun'])

  const n = await api('POST', `${NEUTRON}/v2.0/networks`, {network: {name: net.name}})
  expect(n.status).toBe(201)
  net.id = n.json.network.id
  const third = 100 + Math.floor(Math.random() * 150)
  net.prefix = `10.${third}.${Math.floor(Math.random() * 250)}.`
  const s = await api('POST', `${NEUTRON}/v2.0/subnets`, {subnet: {network_id: net.id, name: `${net.name}-sub`, cidr: `${net.prefix}0/24`, ip_version: 4}})
  expect(s.status).toBe(201)
  net.subnetId = s.json.subnet.id
  images.docker.id = await glanceImage(images.docker.name, 'docker')
  images.bare.id = await glanceImage(images.bare.name, 'bare')
})

afterAll(async () => {
  token = await adminToken()
  // Every container these tests made, whatever state it is in.
  const list = await run(['list', '-f', 'json'])
  for (const c of (list.json ?? []) as Array<{uuid: string; name: string}>) {
    if (c.name.startsWith(prefix)) await run(['delete', '--force', c.uuid])
  }
  for (const c of (list.json ?? []) as Array<{uuid: string; name: string}>) {
    if (!c.name.startsWith(prefix)) continue
    const deadline = Date.now() + 20_000
    while ((await show(c.uuid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 300))
  }
  for (const id of [images.docker.id, images.bare.id]) if (id) await api('DELETE', `${GLANCE}/v2/images/${id}`)
  if (net.id) {
    for (const p of (await api('GET', `${NEUTRON}/v2.0/ports?network_id=${net.id}`)).json.ports ?? []) {
      if (String(p.device_owner).startsWith('compute:')) await api('DELETE', `${NEUTRON}/v2.0/ports/${p.id}`)
    }
    await api('DELETE', `${NEUTRON}/v2.0/networks/${net.id}`)
  }
  await emulators?.stop()
})

describe('appcontainer: a container on a Neutron network, from a Glance image', () => {
  let uuid = ''
  let addr = ''

  it('run --wait --net network=<name>: Running, with an address in the subnet that is a real Kuryr port', async () => {
    const r = await run([
      'run', '--name', names.main, '--net', `network=${net.name}`, '--image-driver', 'glance', '--wait', '-f', 'json',
      images.docker.name, 'sh', '-c', 'echo started; sleep 3600',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.json.status).toBe('Running')
    expect(r.json.name).toBe(names.main)
    expect(r.json.command).toEqual(['sh', '-c', 'echo started; sleep 3600'])
    uuid = r.json.uuid
    const entries = r.json.addresses[net.id] as Array<{addr: string; port: string; subnet_id: string}>
    expect(entries).toHaveLength(1)
    addr = entries[0].addr
    expect(addr.startsWith(net.prefix)).toBe(true)
    expect(entries[0].subnet_id).toBe(net.subnetId)

    const ports = await portsOf(uuid)
    expect(ports).toHaveLength(1)
    expect(ports[0].id).toBe(entries[0].port)
    expect(ports[0].device_owner).toBe('compute:kuryr')
    expect(ports[0].network_id).toBe(net.id)
    expect(ports[0].fixed_ips.map((f: {ip_address: string}) => f.ip_address)).toEqual([addr])
  })

  it('list --name and show by name: the IP flattened, the network id in networks', async () => {
    const l = await run(['list', '--name', names.main, '-f', 'json'])
    expect(l.code).toBe(0)
    expect(l.json).toEqual([{uuid, name: names.main, image: images.docker.name, status: 'Running', task_state: null, addresses: addr, ports: []}])
    const table = await run(['list', '--name', names.main])
    expect(table.stdout).toMatch(/^\+-+\+/)
    expect(table.stdout).toContain('| uuid ')
    const s = await show(names.main)
    expect(s).toMatchObject({uuid, name: names.main, status: 'Running', addresses: addr, networks: net.id})
    const nl = await run(['network', 'list', names.main, '-f', 'json'])
    expect(nl.json).toEqual([{net_id: net.id, port_id: (await portsOf(uuid))[0].id, fixed_ips: addr}])
  })

  it('exec prints the output and exits with the command’s code', async () => {
    const hi = await run(['exec', names.main, 'echo', 'hi'])
    expect(hi.code).toBe(0)
    expect(hi.stdout).toBe('hi\n\n')
    const no = await run(['exec', names.main, 'false'])
    expect(no.code).toBe(1)
    const three = await run(['exec', names.main, 'sh', '-c', 'echo "a  b"; exit 3'])
    expect(three.code).toBe(3)
    expect(three.stdout).toBe('a  b\n\n')
    // Options go before <container>: after it everything is the command.
    const json = await run(['exec', '--json', names.main, 'hostname'])
    expect(json.code).toBe(0)
    expect(json.json).toMatchObject({status: 0, result: {exit_code: 0, exec_id: null}})
  })

  it('logs, top (a table), stats, action list', async () => {
    const logs = await run(['logs', names.main])
    expect(logs.code).toBe(0)
    expect(logs.stdout).toBe('started\n\n')
    const top = await run(['top', names.main])
    expect(top.code).toBe(0)
    expect(top.stdout.split('\n')[1]).toMatch(/^\| UID +\| PID +\| PPID +\| C +\| STIME +\| TTY +\| TIME +\| CMD +\|$/)
    expect(top.stdout).toContain('sh -c echo started; sleep 3600')
    const topJson = await run(['top', names.main, '--pid', 'aux', '-f', 'json'])
    expect(Object.keys(topJson.json[0])).toContain('COMMAND')
    const stats = await run(['stats', names.main, '-f', 'json'])
    expect(Object.keys(stats.json)).toEqual(['CONTAINER', 'CPU %', 'MEM USAGE(MiB)', 'MEM LIMIT(MiB)', 'MEM %', 'BLOCK I/O(B)', 'NET I/O(B)'])
    const actions = await run(['action', 'list', names.main, '-f', 'json'])
    expect(actions.json.map((a: {action: string}) => a.action)).toContain('exec_cmd')
  })

  it('an action in the wrong state: 409 printed, the other containers still done, exit 1', async () => {
    const r = await run(['start', names.main])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Start for container ${names.main} failed: Zun 409: Cannot start container ${uuid} in Running state`)
    expect(r.stderr).toContain('1 of 1 containers failed to start.')
    const two = await run(['unpause', names.main, `${prefix}-nosuch`])
    expect(two.code).toBe(1)
    expect(two.stderr).toContain(`unpause for container ${prefix}-nosuch failed: Zun 404: Container ${prefix}-nosuch could not be found.`)
    expect(two.stderr).toContain('2 of 2 containers failed to unpause.')
  })

  it('stop, start, restart, pause, unpause: accepted, and the status follows', async () => {
    const stop = await run(['stop', '--timeout', '2', names.main])
    expect([stop.code, stop.stdout]).toEqual([0, `Request to stop container ${names.main} has been accepted.\n`])
    await until(names.main, 'Stopped')
    const start = await run(['start', names.main])
    expect([start.code, start.stdout]).toEqual([0, `Request to start container ${names.main} has been accepted\n`])
    await until(names.main, 'Running')
    const restart = await run(['restart', names.main])
    expect([restart.code, restart.stdout]).toEqual([0, `Request to restart container ${names.main} has been accepted\n`])
    await until(names.main, 'Running')
    const pause = await run(['pause', names.main])
    expect([pause.code, pause.stdout]).toEqual([0, `Request to pause container ${names.main} has been accepted\n`])
    await until(names.main, 'Paused')
    const exec = await run(['exec', names.main, 'true'])
    expect(exec.code).toBe(1)
    expect(exec.stderr).toContain('in Paused state')
    const unpause = await run(['unpause', names.main])
    expect([unpause.code, unpause.stdout]).toEqual([0, `Request to unpause container ${names.main} has been accepted\n`])
    await until(names.main, 'Running')
  })

  it('set --name renames; set with nothing to change is a usage error', async () => {
    const r = await run(['set', '--name', names.renamed, names.main, '-f', 'json'])
    expect(r.code).toBe(0)
    expect(r.json.name).toBe(names.renamed)
    expect(typeof r.json.addresses).toBe('object')
    expect(await show(names.main)).toBeUndefined()
    const none = await run(['set', names.renamed])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('You must update at least one property')
  })

  it('cp both ways: a local file into the container, and back out into a new folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-cp-'))
    try {
      writeFileSync(join(dir, 'note.txt'), 'from the host\n')
      const put = await run(['cp', join(dir, 'note.txt'), `${names.renamed}:/tmp`])
      expect([put.code, put.stdout, put.stderr]).toEqual([0, '', ''])
      const cat = await run(['exec', names.renamed, 'cat', '/tmp/note.txt'])
      expect(cat.stdout).toBe('from the host\n\n')
      const get = await run(['cp', `${names.renamed}:/tmp/note.txt`, join(dir, 'out')])
      expect(get.code).toBe(0)
      expect(readFileSync(join(dir, 'out', 'note.txt'), 'utf8')).toBe('from the host\n')
      const bad = await run(['cp', join(dir, 'note.txt'), join(dir, 'elsewhere')])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('Please check the parameters for zun copy!')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('network detach, then attach: the Kuryr port goes away and a new one comes', async () => {
    const before = (await portsOf(uuid))[0].id
    const detach = await run(['network', 'detach', '--network', net.name, names.renamed])
    expect([detach.code, detach.stdout]).toEqual([0, `Request to detach network for container ${names.renamed} has been accepted.\n`])
    expect((await api('GET', `${NEUTRON}/v2.0/ports/${before}`)).status).toBe(404)
    const attach = await run(['network', 'attach', '--network', net.name, names.renamed])
    expect([attach.code, attach.stdout]).toEqual([0, `Request to attach network to container ${names.renamed} has been accepted.\n`])
    const after = await portsOf(uuid)
    expect(after).toHaveLength(1)
    expect(after[0].device_owner).toBe('compute:kuryr')
    expect((await show(names.renamed))?.networks).toBe(net.id)
    const neither = await run(['network', 'attach', names.renamed])
    expect(neither.code).toBe(2)
  })

  it('delete (Running without --stop is refused), then delete --stop --wait removes the container and its port', async () => {
    const refused = await run(['delete', names.renamed])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`Delete for container ${names.renamed} failed: Zun 409`)
    const r = await run(['delete', '--stop', '--wait', names.renamed])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`Request to delete container ${names.renamed} has been accepted.\nDelete for container ${names.renamed} success.\n`)
    expect(await show(uuid)).toBeUndefined()
    expect(await portsOf(uuid)).toEqual([])
  })
})

describe('appcontainer: terminals over the websocket proxy', () => {
  it('run --interactive attaches once Running (stdin ends: detached), then shows the container', async () => {
    const r = await run(['run', '--name', names.tty, '--interactive', '--net', `network=${net.name}`, '-f', 'value', '-c', 'status', 'cirros', 'sh'], '')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('Running\n')
    expect(r.stderr).toMatch(/^connected to [0-9a-f-]{36}, press Enter to continue\ntype ~\. to disconnect\n$/)
  })

  it('attach: what is typed reaches the shell, its output comes back', async () => {
    const r = await run(['attach', names.tty], 'echo attached\r')
    expect(r.code).toBe(0)
    // The tty echoes the line typed, then the shell's output follows on its own line.
    expect(r.stdout).toContain('echo attached\r\nattached\r\n')
    expect(r.stderr).toBe(`connected to ${names.tty}, press Enter to continue\ntype ~. to disconnect\n`)
  })

  it('exec --interactive: a shell session that ends with exit; the container keeps running', async () => {
    const r = await run(['exec', '--interactive', names.tty, 'sh'], 'echo hi-from-exec\rexit\r')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('echo hi-from-exec\r\nhi-from-exec\r\n')
    expect((await show(names.tty))?.status).toBe('Running')
  })

  it('attach to a container made without --interactive: 400 printed, exit 1', async () => {
    const other = `${prefix}-plain`
    expect((await run(['run', '--name', other, '--net', `network=${net.name}`, '--wait', '-f', 'value', '-c', 'status', 'cirros', 'sleep', '3600'])).code).toBe(0)
    const r = await run(['attach', other])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("Zun 400: Container doesn't support to be attached")
    expect((await run(['delete', '--stop', '--wait', other, names.tty])).code).toBe(0)
  })
})

describe('appcontainer: bad input', () => {
  it('a network that does not exist: the 404 printed readably, exit 1, nothing created', async () => {
    const missing = uniqueName('no-such-net')
    const r = await run(['run', '--name', names.badnet, '--net', `network=${missing}`, '--wait', 'cirros'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`^Zun 404: Neutron network ${missing} could not be found\\. \\(request req-[0-9a-f-]+\\)\\n$`))
    expect((await run(['list', '--name', names.badnet, '-f', 'json'])).json).toEqual([])
  })

  it('a bad --net is refused before anything is sent (exit 2)', async () => {
    const r = await run(['run', '--name', names.badnet, '--net', 'network=a,port=b', 'cirros'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Invalid nets argument 'network=a,port=b'")
    expect((await run(['list', '--name', names.badnet, '-f', 'json'])).json).toEqual([])
  })

  it('an image that is not docker-format: the container goes to Error and --wait exits 1 with the reason', async () => {
    const r = await run(['run', '--name', names.bareimg, '--image-driver', 'glance', '--net', `network=${net.name}`, '--wait', images.bare.name])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`Failed to run container ${names.bareimg} (`)
    expect(r.stderr).toContain(`its status is Error: Image ${images.bare.name} could not be found.`)
    expect((await show(names.bareimg))?.status).toBe('Error')
    const del = await run(['delete', names.bareimg])
    expect(del.code).toBe(0)
  })

  it('a wait that runs out of time exits 4 (rebuild takes 3 s here; the container is left to finish)', async () => {
    const started = await run(['run', '--name', names.slow, '--net', `network=${net.name}`, '--wait', '-f', 'value', '-c', 'status', 'cirros', 'sleep', '3600'])
    expect([started.code, started.stdout]).toEqual([0, 'Running\n'])
    const r = await run(['rebuild', '--wait', '--timeout', '1', names.slow])
    expect(r.code).toBe(4)
    expect(r.stdout).toBe(`Request to rebuild container ${names.slow} has been accepted\n`)
    expect(r.stderr).toContain(`rebuild container ${names.slow} failed: timed out after 1 s waiting for container ${names.slow} to become Created or Running`)
    expect(r.stderr).toContain('1 of 1 containers failed to rebuild.')
    await until(names.slow, 'Running')
    const del = await run(['delete', '--stop', '--wait', names.slow])
    expect(del.code).toBe(0)
  })

  it('create --wait stops at Created (not Running)', async () => {
    const name = `${prefix}-created`
    const r = await run(['create', '--name', name, '--net', `network=${net.name}`, '--wait', '-f', 'json', 'cirros'])
    expect(r.code).toBe(0)
    expect(r.json.status).toBe('Created')
    expect((await run(['delete', '--wait', name])).code).toBe(0)
  })
})
