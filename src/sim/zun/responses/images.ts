import {type Api, drain, pecanKwargs, queryMixed, reply, requireJsonContentType} from '../api.js'
import {deleteImage, findImage, isDockerReference, listImages, pullImage, searchImages} from '../backend/images.js'
import {errors, serverError} from '../errors.js'
import {validateOrThrow} from '../jsonschema.js'
import {boolParam, checkQueryKeys, isUuidLike, parseLimit} from '../params.js'
import {imageCreate, querySearch} from '../schemas.js'
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

/**
 * `get_resource('Image', …)`: by UUID (a missing one is 400 `container.image-not-found`, as
 * `ImageNotFound` is an `Invalid` in Zed); Zed has no image lookup by name, which fails as an
 * unexpected error (500).
 */
function imageByIdent(state: ZunState, ident: string): ImageRecord {
  if (!isUuidLike(ident)) throw serverError()
  return findImage(state, ident)
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

  /** The body schema (`repo` and `host` required), policy, then the host ("does not exist": 400). */
  api.route('POST', '/images', async (ctx) => {
    requireJsonContentType(ctx)
    const body = await pecanKwargs(ctx)
    validateOrThrow(imageCreate, body, 'body')
    enforce(ctx.caller, 'image:pull')
    const host = body.host as string
    if (!state.hostExists(host)) throw errors.invalidValue(`The host ${host} does not exist.`)
    // Docker's reference parser refuses the name with a Zun exception that has no HTTP code of its own: 500.
    if (!isDockerReference(body.repo as string)) throw serverError()
    const imagePullPolicy = typeof body.image_pull_policy === 'string' ? body.image_pull_policy : null
    const rec = pullImage(state, {repo: body.repo as string, host, imagePullPolicy}, opOf(ctx))
    return reply(202, imageView(rec, ctx.now), {Location: `${ctx.hostUrl}/v1/images/${rec.uuid}`})
  })

  api.route('GET', '/images/:id/search', async (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:search')
    validateOrThrow(querySearch, queryMixed(ctx), 'query')
    const exact = boolParam(ctx.query, 'exact_match')
    const raw = ctx.query.get('image_driver')
    const driver = raw === null || raw === 'None' ? 'docker' : (raw as 'glance' | 'docker')
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

  // Found first (400 container.image-not-found), then the policy.
  api.route('GET', '/images/:id', (ctx) => {
    const image = imageByIdent(state, ctx.params.id)
    enforce(ctx.caller, 'image:get_one')
    return reply(200, imageView(image, ctx.now))
  })

  api.route('DELETE', '/images/:id', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'image:delete')
    deleteImage(state, imageByIdent(state, ctx.params.id))
    return reply(200, null)
  })
}
