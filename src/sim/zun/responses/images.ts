import {type Api, drain, jsonBody, reply, requireJsonContentType} from '../api.js'
import {errors} from '../errors.js'
import {checkImageReference, deleteImage, findImage, listImages, pullImage, searchImages} from '../backend/images.js'
import {boolParam, checkQueryKeys, fieldError, parseLimit, pyRepr} from '../params.js'
import {enforce} from '../policy.js'
import type {ImageRecord, ZunState} from '../backend/state.js'
import {opOf} from './containers.js'

/** The `/v1/images` handlers (zun-api.md §3.18): the images compute pulled, and image search. */

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

export function registerImageRoutes(api: Api, state: ZunState): void {
  api.route('GET', '/images', (ctx) => {
    enforce(ctx.caller, 'image:get_all')
    checkQueryKeys(ctx.query, ['limit', 'marker', 'sort_key', 'sort_dir'])
    const sortKey = ctx.query.get('sort_key') ?? 'id'
    const dir = ctx.query.get('sort_dir') ?? 'asc'
    if (dir !== 'asc' && dir !== 'desc') {
      throw errors.invalidValue(`Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`)
    }
    const limit = parseLimit(ctx.query.get('limit'))
    const {page, more} = listImages(state, {sortKey, sortDir: dir, marker: ctx.query.get('marker'), limit})
    const next =
      page.length === limit && more
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
    checkImageReference(b.repo as string, 'docker')
    const imagePullPolicy = typeof b.image_pull_policy === 'string' ? b.image_pull_policy : null
    const rec = pullImage(state, {repo: b.repo as string, host, imagePullPolicy}, opOf(ctx))
    return reply(202, imageView(rec, ctx.now))
  })

  api.route('GET', '/images/:id/search', async (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:search')
    checkQueryKeys(ctx.query, ['image_driver', 'exact_match'])
    const exact = boolParam(ctx.query, 'exact_match')
    const driver = ctx.query.get('image_driver') ?? 'docker'
    if (driver !== 'glance' && driver !== 'docker') throw errors.invalidValue(`Invalid image driver: ${driver}`)
    const hits = await searchImages(state, ctx.params.id, {driver, exact, caller: ctx.caller})
    return reply(
      200,
      hits.map((h) =>
        h.driver === 'glance'
          ? {id: h.image.id, name: h.image.name, tags: h.image.tags, status: h.image.status, size: h.image.size, metadata: {}}
          : {
              name: h.entry.name,
              description: h.entry.description,
              is_automated: false,
              metadata: {is_official: h.entry.is_official, star_count: h.entry.star_count},
            },
      ),
    )
  })

  api.route('GET', '/images/:id', (ctx) => {
    enforce(ctx.caller, 'image:get_one')
    return reply(200, imageView(findImage(state, ctx.params.id), ctx.now))
  })

  api.route('DELETE', '/images/:id', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:delete')
    deleteImage(state, findImage(state, ctx.params.id))
    return reply(200, null)
  })
}
