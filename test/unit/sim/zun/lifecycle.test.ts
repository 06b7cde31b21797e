import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {VALID_STATES} from '../../../../src/sim/zun/index.js'
import {firstError, type Harness, oscBody, SETTLE, startHarness} from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  expect(h.unexpected).toEqual([])
  await h.close()
})

async function status(uuid: string): Promise<{status: string; task_state: string | null; status_detail: string | null}> {
  return (await h.call('GET', `/v1/containers/${uuid}`)).json
}

async function act(uuid: string, action: string, query = ''): Promise<number> {
  const r = await h.call('POST', `/v1/containers/${uuid}/${action}${query}`, {headers: {'Content-Length': '0'}})
  return r.status
}

describe('lifecycle actions (zun-api.md §3.5, §4)', () => {
  it('start/stop/pause/unpause/kill answer 202 null and move through the task states', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '100000']})
    expect(c.status).toBe('Created')

    const start = await h.call('POST', `/v1/containers/${c.uuid}/start`)
    expect(start.status).toBe(202)
    expect(start.text).toBe('null')
    expect(start.headers.get('content-type')).toBe('application/json')
    expect(await status(c.uuid)).toMatchObject({status: 'Created', task_state: 'container_starting'})
    h.advance(1000)
    expect(await status(c.uuid)).toMatchObject({status: 'Running', task_state: null})

    expect(await act(c.uuid, 'pause')).toBe(202)
    expect((await status(c.uuid)).task_state).toBe('container_pausing')
    h.advance(500)
    const paused = await status(c.uuid)
    expect(paused.status).toBe('Paused')
    expect(paused.status_detail).toMatch(/\(paused\)$/)

    expect(await act(c.uuid, 'unpause')).toBe(202)
    h.advance(500)
    expect((await status(c.uuid)).status).toBe('Running')

    expect(await act(c.uuid, 'stop', '?timeout=10')).toBe(202)
    expect((await status(c.uuid)).task_state).toBe('container_stopping')
    h.advance(1000)
    const stopped = await status(c.uuid)
    expect(stopped).toMatchObject({status: 'Stopped', task_state: null})
    expect(stopped.status_detail).toMatch(/^Exited\(0\) .* ago $/)

    expect(await act(c.uuid, 'start')).toBe(202)
    h.advance(1000)
    expect(await act(c.uuid, 'kill', '?signal=None')).toBe(202)
    h.advance(500)
    expect((await status(c.uuid)).status_detail).toMatch(/^Exited\(137\)/)
    expect(await act(c.uuid, 'start')).toBe(202)
    h.advance(1000)
    expect(await act(c.uuid, 'kill', '?signal=SIGTERM')).toBe(202)
    h.advance(500)
    expect(await status(c.uuid)).toMatchObject({status: 'Stopped'})
    expect((await status(c.uuid)).status_detail).toMatch(/^Exited\(143\)/)
  })

  it('answers 409 "Cannot <action> container <uuid> in <Status> state" outside the allowed statuses', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '100000']})
    for (const action of ['stop', 'pause', 'unpause', 'kill']) {
      const r = await h.call('POST', `/v1/containers/${c.uuid}/${action}`)
      expect(r.status, action).toBe(409)
      expect(firstError(r)).toMatchObject({
        code: 'container.invalid-state-exception',
        title: `Cannot ${action} container ${c.uuid} in Created state`,
      })
    }
    await act(c.uuid, 'start')
    h.advance(SETTLE)
    const again = await h.call('POST', `/v1/containers/${c.uuid}/start`)
    expect(firstError(again).detail).toBe(`Cannot start container ${c.uuid} in Running state`)
    for (const action of ['execute?command=true', 'top', 'stats']) {
      expect((await h.call(action === 'execute?command=true' ? 'POST' : 'GET', `/v1/containers/${c.uuid}/${action}`)).status).toBe(200)
    }
    await act(c.uuid, 'stop')
    h.advance(SETTLE)
    for (const [method, action] of [['POST', 'execute?command=true'], ['GET', 'top'], ['GET', 'stats'], ['GET', 'attach']]) {
      expect((await h.call(method, `/v1/containers/${c.uuid}/${action}`)).status, action).toBe(409)
    }
  })

  it('restart sets Restarting at once, then Running; rebuild sets Rebuilding, then back to Running', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '100000']}, {run: true})
    expect(await act(c.uuid, 'reboot', '?timeout=10')).toBe(202)
    expect(await status(c.uuid)).toMatchObject({status: 'Restarting', task_state: 'container_rebooting'})
    h.advance(2000)
    expect((await status(c.uuid)).status).toBe('Running')

    const r = await h.call('POST', `/v1/containers/${c.uuid}/rebuild?image=nginx&image_driver=docker`)
    expect(r.status).toBe(202)
    const requestId = r.headers.get('x-openstack-request-id')
    expect(await status(c.uuid)).toMatchObject({status: 'Rebuilding', task_state: 'container_rebuilding'})
    // Tempest: wait until the action keyed by the response request id has a finish_time.
    const pending = await h.call('GET', `/v1/containers/${c.uuid}/container_actions/${requestId}`)
    expect(pending.json).toMatchObject({action: 'rebuild', finish_time: null})
    h.advance(3000)
    const done = await h.call('GET', `/v1/containers/${c.uuid}/container_actions/${requestId}`)
    expect(done.json.finish_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000$/)
    expect(done.json.message).toBeNull()
    expect(await status(c.uuid)).toMatchObject({status: 'Running'})
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).json.image).toBe('nginx')

    const created = await h.container({name: 'c2'})
    await act(created.uuid, 'rebuild')
    h.advance(3000)
    expect((await status(created.uuid)).status).toBe('Created')
  })

  it('validates stop timeouts and kill signals', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '100000']}, {run: true})
    expect(firstError(await h.call('POST', `/v1/containers/${c.uuid}/stop?timeout=-1`)).code).toBe('container.schema-validation-error')
    expect((await h.call('POST', `/v1/containers/${c.uuid}/kill?signal=SIGBOGUS`)).status).toBe(400)
    for (const sig of ['TERM', 'sigterm', 'term', '15']) {
      expect(await act(c.uuid, 'kill', `?signal=${sig}`), sig).toBe(202)
      h.advance(SETTLE)
      await act(c.uuid, 'start')
      h.advance(SETTLE)
    }
  })

  it('runs a short command to completion: Running, then Stopped with its exit code', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {body: oscBody({name: 'once', command: ['sh', '-c', 'echo hi; sleep 5; exit 3']})})
    h.advance(4000)
    expect((await status(r.json.uuid)).status).toBe('Running')
    h.advance(5000)
    const s = await status(r.json.uuid)
    expect(s.status).toBe('Stopped')
    expect(s.status_detail).toMatch(/^Exited\(3\)/)
  })

  it('removes an auto_remove container when its command ends, with its port', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {
      body: oscBody({auto_remove: true, command: ['echo', 'hi'], nets: [{network: 'private'}]}),
    })
    expect(r.status).toBe(202)
    expect(h.neutron.ports.size).toBe(1)
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${r.json.uuid}`)).status).toBe(404)
    expect(h.neutron.ports.size).toBe(0)
  })

  it('leaves a long-running container (no command: the image default) Running', async () => {
    const c = await h.container({}, {run: true})
    h.advance(86_400_000)
    const s = await status(c.uuid)
    expect(s.status).toBe('Running')
    expect(s.status_detail).toBe('Up 1 days')
  })

  it('publishes the VALID_STATES table of the reference', () => {
    expect(VALID_STATES.delete).toEqual(['Created', 'Error', 'Stopped', 'Deleted', 'Dead'])
    expect(VALID_STATES.start).toEqual(['Created', 'Stopped', 'Error'])
    expect(VALID_STATES.commit).toEqual(['Running', 'Stopped', 'Paused'])
    expect(VALID_STATES.logs).toEqual(['Created', 'Error', 'Paused', 'Running', 'Stopped', 'Unknown'])
    expect(VALID_STATES.delete_after_stop).toEqual(['Running', 'Created', 'Error', 'Stopped', 'Deleted', 'Dead'])
  })
})

describe('container actions (§3.17)', () => {
  it('lists actions newest first and shows one with its events; finish_time only from 1.33', async () => {
    const run = await h.call('POST', '/v1/containers?run=true', {body: oscBody({name: 'web', command: ['sleep', '1000']})})
    const uuid = run.json.uuid
    h.advance(SETTLE)
    await act(uuid, 'stop')
    h.advance(SETTLE)
    const list = await h.call('GET', `/v1/containers/${uuid}/container_actions`)
    expect(list.status).toBe(200)
    expect(list.json.containerActions.map((a: any) => a.action)).toEqual(['stop', 'create'])
    expect(Object.keys(list.json.containerActions[0])).toEqual([
      'action', 'container_uuid', 'message', 'project_id', 'request_id', 'start_time', 'finish_time', 'user_id',
    ])
    const createReq = run.headers.get('x-openstack-request-id')
    const show = await h.call('GET', `/v1/containers/${uuid}/container_actions/${createReq}`)
    expect(show.json.events.map((e: any) => e.event)).toEqual(['compute__do_container_create', 'compute__do_container_start'])
    expect(show.json.events[0]).toMatchObject({result: 'Success'})
    expect(show.json.events[0]).not.toHaveProperty('traceback')
    const admin = await h.call('GET', `/v1/containers/${uuid}/container_actions/${createReq}`, {token: 'admin'})
    expect(admin.json.events[0]).toHaveProperty('traceback', null)
    const old = await h.call('GET', `/v1/containers/${uuid}/container_actions`, {version: '1.32'})
    expect(old.json.containerActions[0]).not.toHaveProperty('finish_time')
    const missing = await h.call('GET', `/v1/containers/${uuid}/container_actions/req-1`)
    expect(missing.status).toBe(404)
    expect(firstError(missing).code).toBe('container.resource-not-found')
  })
})
