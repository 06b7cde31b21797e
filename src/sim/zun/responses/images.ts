import {randomBytes, randomUUID} from 'node:crypto'

import {type Api, drain, jsonBody, reply, requireJsonContentType} from '../api.js'
import {errors} from '../errors.js'
import {checkImageReference, DOCKER_HUB, imageVisible, splitRepoTag} from '../backend/images.js'
import {boolParam, checkQueryKeys, fieldError, parseLimit, pyRepr} from '../params.js'
import type {Caller} from '../policy.js'
import {enforce} from '../policy.js'
import type {ImageRecord, ZunState} from '../backend/state.js'

/**
 * Images: how a container's image is checked (docker reference format; Glance lookup for
 * `image_driver=glance`), and the `/v1/images` API (zun-api.md §3.18).
 */

function imageView(i: ImageRecord, now: number): Record<string, unknown> {
  const pulled = now >= i.pullAt
  return {
    uuid: i.uuid,
    image_id: pulled ? i.imageId : null,
    repo: i.repo,
    tag: i.tag,
    size: pulled ? i.size : null,
    project_id: i.projectId,
    image_pull_policy: i.imagePullPolicy,
    host: i.host,
  }
}

function findImage(state: ZunState, ident: string): ImageRecord {
  const i = state.images.get(ident)
  if (!i) throw errors.imageNotFound(ident)
  return i
}

export function registerImageRoutes(api: Api, state: ZunState): void {
  api.route('GET', '/images', (ctx) => {
    enforce(ctx.caller, 'image:get_all')
    checkQueryKeys(ctx.query, ['limit', 'marker', 'sort_key', 'sort_dir'])
    let list = [...state.images.values()]
    const sortKey = ctx.query.get('sort_key') ?? 'id'
    const dir = ctx.query.get('sort_dir') ?? 'asc'
    if (dir !== 'asc' && dir !== 'desc') {
      throw errors.invalidValue(`Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`)
    }
    if (sortKey !== 'id') {
      const key = sortKey as keyof ImageRecord
      list.sort((a, b) => String(a[key] ?? '').localeCompare(String(b[key] ?? '')))
    }
    if (dir === 'desc') list.reverse()
    const marker = ctx.query.get('marker')
    if (marker) list = list.slice(list.findIndex((i) => i.uuid === findImage(state, marker).uuid) + 1)
    const limit = parseLimit(ctx.query.get('limit'))
    const page = list.slice(0, limit)
    const next =
      page.length === limit && list.length > limit
        ? `${ctx.hostUrl}/v1/images/?limit=${limit}&sort_key=${sortKey}&sort_dir=${dir}&marker=${page[page.length - 1].uuid}`
        : null
    return reply(200, {images: page.map((i) => imageView(i, ctx.now)), next})
  })

  api.route('POST', '/images', async (ctx) => {
    requireJsonContentType(ctx)
    const body = await jsonBody(ctx)
    if (!body || typeof body !== 'object' || Array.isArray(body)) fieldError('', body, `${pyRepr(body)} is not of type 'object'`)
    const b = body as Record<string, unknown>
    const extra = Object.keys(b).filter((k) => !['repo', 'host', 'image_driver', 'image_pull_policy'].includes(k))
    if (extra.length) {
      throw errors.schema(`Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(', ')} ${extra.length > 1 ? 'were' : 'was'} unexpected)`)
    }
    if (typeof b.repo !== 'string' || b.repo.length < 2) {
      if (b.repo === undefined) throw errors.schema("'repo' is a required property")
      fieldError('repo', b.repo, `${pyRepr(b.repo)} is too short`)
    }
    enforce(ctx.caller, 'image:pull')
    const host = typeof b.host === 'string' ? b.host : state.config.host
    if (!state.hostExists(host)) throw errors.computeHostNotFound(host)
    const [repo, tag] = splitRepoTag(b.repo as string)
    checkImageReference(b.repo as string, 'docker')
    const rec: ImageRecord = {
      uuid: randomUUID(),
      imageId: randomBytes(32).toString('hex'),
      repo,
      tag,
      size: String(5_000_000 + (randomBytes(2).readUInt16BE() << 6)),
      projectId: ctx.caller.projectId,
      host,
      imagePullPolicy: typeof b.image_pull_policy === 'string' ? b.image_pull_policy : null,
      pullAt: ctx.now + state.config.transitions.create,
    }
    state.images.set(rec.uuid, rec)
    return reply(202, imageView(rec, ctx.now))
  })

  api.route('GET', '/images/:id/search', async (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:search')
    checkQueryKeys(ctx.query, ['image_driver', 'exact_match'])
    const exact = boolParam(ctx.query, 'exact_match')
    const driver = ctx.query.get('image_driver') ?? 'docker'
    const term = ctx.params.id
    if (driver === 'glance') {
      const found = (await state.glance.searchImages(term, exact)).filter(
        (i) => imageVisible(ctx.caller, i) && i.container_format === 'docker',
      )
      return reply(
        200,
        found.map((i) => ({id: i.id, name: i.name, tags: i.tags, status: i.status, size: i.size, metadata: {}})),
      )
    }
    if (driver !== 'docker') throw errors.invalidValue(`Invalid image driver: ${driver}`)
    const [repo] = splitRepoTag(term)
    const hits = DOCKER_HUB.filter((e) => (exact ? e.name === repo : e.name.includes(repo)))
    return reply(
      200,
      hits.map((e) => ({
        name: e.name,
        description: e.description,
        is_automated: false,
        metadata: {is_official: e.is_official, star_count: e.star_count},
      })),
    )
  })

  api.route('GET', '/images/:id', (ctx) => {
    enforce(ctx.caller, 'image:get_one')
    return reply(200, imageView(findImage(state, ctx.params.id), ctx.now))
  })

  api.route('DELETE', '/images/:id', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:delete')
    const i = findImage(state, ctx.params.id)
    state.images.delete(i.uuid)
    return reply(200, null)
  })
}
