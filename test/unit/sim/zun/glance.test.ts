import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {readTar} from '../../../../src/sim/zun/backend/tar.js'
import {firstError, type Harness, oscBody, SETTLE, startHarness} from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  expect(h.unexpected).toEqual([])
  await h.close()
})

describe('image_driver=glance under Tricircle (seed 002)', () => {
  it('runs an image found by id or by name when its container_format is docker', async () => {
    const img = h.glance.addImage({name: 'container_cirros', container_format: 'docker', disk_format: 'raw'})
    for (const image of [img.id, 'container_cirros']) {
      const r = await h.call('POST', '/v1/containers?run=true', {
        body: oscBody({name: `c-${image.length}`, image, image_driver: 'glance', command: ['sudo', 'nc', '-l', '-p', '5000']}),
      })
      expect(r.status).toBe(202)
      expect(r.json).toMatchObject({image, image_driver: 'glance', status: 'Creating'})
      h.advance(SETTLE)
      expect((await h.call('GET', `/v1/containers/${r.json.uuid}`)).json.status).toBe('Running')
    }
  })

  it('puts a container whose Glance image is not container_format=docker in Error, with no port', async () => {
    const bare = h.glance.addImage({name: 'cirros-0.4.0-x86_64-disk', container_format: 'bare', disk_format: 'qcow2'})
    const r = await h.call('POST', '/v1/containers?run=true', {body: oscBody({image: bare.id, image_driver: 'glance'})})
    expect(r.status).toBe(202)
    expect(r.json.status).toBe('Creating')
    expect(h.neutron.ports.size).toBe(0)
    h.advance(SETTLE)
    const c = (await h.call('GET', `/v1/containers/${r.json.uuid}`)).json
    expect(c).toMatchObject({status: 'Error', status_reason: `Image ${bare.id} could not be found.`, addresses: {}})
    // Error containers can be deleted without flags.
    expect((await h.call('DELETE', `/v1/containers/${r.json.uuid}?force=False&stop=False&all_projects=False`)).status).toBe(204)
  })

  it('reports an unknown or ambiguous Glance image through Error, not through the POST', async () => {
    const missing = await h.call('POST', '/v1/containers', {body: oscBody({image: 'nothing-here', image_driver: 'glance'})})
    expect(missing.status).toBe(202)
    h.glance.addImage({name: 'twin'})
    h.glance.addImage({name: 'twin'})
    const twin = await h.call('POST', '/v1/containers', {body: oscBody({image: 'twin', image_driver: 'glance'})})
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${missing.json.uuid}`)).json.status_reason).toBe('Image nothing-here could not be found.')
    expect((await h.call('GET', `/v1/containers/${twin.json.uuid}`)).json.status_reason).toBe(
      'Multiple images exist with same name. Please use the image id instead.',
    )
  })

  it("does not see another project's private image", async () => {
    const img = h.glance.addImage({name: 'secret', owner: 'alt', visibility: 'private'})
    const r = await h.call('POST', '/v1/containers', {body: oscBody({image: img.id, image_driver: 'glance'})})
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${r.json.uuid}`)).json.status).toBe('Error')
    const mine = await h.call('POST', '/v1/containers', {token: 'alt', body: oscBody({image: img.id, image_driver: 'glance'})})
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${mine.json.uuid}`, {token: 'alt'})).json.status).toBe('Created')
  })

  it('accepts image_driver=docker (the default) without asking Glance', async () => {
    const c = await h.container({image: 'nginx:latest'}, {run: true})
    expect(c.status).toBe('Running')
    expect(h.glance.images.size).toBe(0)
  })
})

describe('commit (§3.13)', () => {
  it('creates a docker-format Glance image, answers 202 {uuid}, and the image can be run with the glance driver', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '1000']}, {run: true})
    const r = await h.call('POST', `/v1/containers/${c.uuid}/commit?repository=myrepo&tag=v1`)
    expect(r.status).toBe(202)
    const image = h.glance.images.get(r.json.uuid)
    expect(image).toMatchObject({name: 'myrepo', container_format: 'docker', disk_format: 'raw', status: 'active', tags: ['v1'], owner: 'demo'})
    const data = h.glance.data.get(r.json.uuid)
    expect(readTar(Buffer.from(data as Uint8Array))[0].name).toBe('manifest.json')
    const again = await h.container({image: 'myrepo', image_driver: 'glance'}, {run: true})
    expect(again.status).toBe('Running')
    const created = await h.container({name: 'c2'})
    expect(firstError(await h.call('POST', `/v1/containers/${created.uuid}/commit?repository=x`)).code).toBe(
      'container.invalid-state-exception',
    )
    expect((await h.call('POST', `/v1/containers/${c.uuid}/commit`)).status).toBe(400)
  })
})

describe('/v1/images (§3.18)', () => {
  it('pulls, lists, shows and deletes images as admin; members get 403', async () => {
    expect((await h.call('GET', '/v1/images/')).status).toBe(403)
    const pull = await h.call('POST', '/v1/images/', {token: 'admin', body: {repo: 'cirros', host: 'node1'}})
    expect(pull.status).toBe(202)
    expect(pull.json).toMatchObject({repo: 'cirros', tag: 'latest', host: 'node1', image_id: null})
    h.advance(SETTLE)
    const list = await h.call('GET', '/v1/images/?limit=2&sort_key=repo', {token: 'admin'})
    expect(list.json.images).toHaveLength(1)
    expect(list.json.images[0].image_id).toMatch(/^[0-9a-f]{64}$/)
    expect(Object.keys(list.json.images[0])).toEqual(['uuid', 'image_id', 'repo', 'tag', 'size', 'project_id', 'image_pull_policy', 'host'])
    expect((await h.call('GET', `/v1/images/${pull.json.uuid}`, {token: 'admin'})).json.repo).toBe('cirros')
    // ImageNotFound is an `Invalid` in Zed: an unknown image is a 400, for GET and DELETE alike, and
    // it is looked up before the policy is checked.
    const unknown = '0f0e0d0c-0b0a-4909-8807-060504030201'
    for (const [method, token] of [['GET', 'admin'], ['DELETE', 'admin'], ['GET', 'demo']] as const) {
      const r = await h.call(method, `/v1/images/${unknown}`, {token})
      expect(r.status, `${method} ${token}`).toBe(400)
      expect(firstError(r)).toMatchObject({code: 'container.image-not-found', status: 400, detail: `Image ${unknown} could not be found.`})
    }
    const del = await h.call('DELETE', `/v1/images/${pull.json.uuid}`, {token: 'admin', headers: {'Content-Type': 'application/octet-stream'}})
    expect(del.status).toBe(200)
    expect(del.text).toBe('null')
    const noHost = await h.call('POST', '/v1/images/', {token: 'admin', body: {repo: 'cirros', host: 'nohost'}})
    expect(firstError(noHost)).toMatchObject({code: 'container.invalid-value', status: 400, detail: 'The host nohost does not exist.'})
    const withoutHost = await h.call('POST', '/v1/images/', {token: 'admin', body: {repo: 'cirros'}})
    expect(firstError(withoutHost)).toMatchObject({code: 'container.schema-validation-error', detail: "'host' is a required property"})
  })

  it('searches Docker Hub (emulated) or Glance and answers a bare array, to any role', async () => {
    // The client sends a JSON `null` body on this GET.
    const docker = await h.call('GET', '/v1/images/cirros/search?exact_match=False', {raw: 'null'})
    expect(docker.status).toBe(200)
    expect(docker.json[0]).toMatchObject({name: 'cirros', metadata: {is_official: false}})
    const exact = await h.call('GET', '/v1/images/ngin/search?image_driver=docker&exact_match=True', {raw: 'null'})
    expect(exact.json).toEqual([])
    h.glance.addImage({name: 'container_cirros'})
    h.glance.addImage({name: 'cirros-disk', container_format: 'bare'})
    const glance = await h.call('GET', '/v1/images/cirros/search?image_driver=glance&exact_match=False')
    expect(glance.json.map((i: any) => i.name)).toEqual(['container_cirros'])
    expect(Object.keys(glance.json[0])).toEqual(['id', 'name', 'tags', 'status', 'size', 'metadata'])
  })
})
