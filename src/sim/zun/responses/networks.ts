import {type Api, drain, jsonBody, reply, requireJsonContentType} from '../api.js'
import {checkAdditional} from './container-schema.js'
import {createZunNetwork, deleteZunNetwork} from '../backend/admin.js'
import {errors} from '../errors.js'
import {fieldError, pyRepr} from '../params.js'
import {enforce} from '../policy.js'
import type {ZunState} from '../backend/state.js'

/**
 * `/v1/networks` (zun-api.md §6.1): admin-only, no client command wraps it. POST records the
 * Docker/Kuryr network of a Neutron network (compute also does this lazily at container
 * create); DELETE (1.27+) removes it. There is no GET.
 */
export function registerNetworkRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/networks', async (ctx) => {
    requireJsonContentType(ctx)
    const body = await jsonBody(ctx)
    if (!body || typeof body !== 'object' || Array.isArray(body)) fieldError('', body, `${pyRepr(body)} is not of type 'object'`)
    const b = body as Record<string, unknown>
    checkAdditional(b, ['name', 'neutron_net_id'])
    if (b.name === undefined) throw errors.schema("'name' is a required property")
    for (const k of ['name', 'neutron_net_id'] as const) {
      if (b[k] === undefined) continue
      if (typeof b[k] !== 'string') fieldError(k, b[k], `${pyRepr(b[k])} is not of type 'string'`)
      const v = b[k] as string
      if (v.length < 2) fieldError(k, v, `${pyRepr(v)} is too short`)
      if (v.length > 255) fieldError(k, v, `${pyRepr(v)} is too long`)
    }
    enforce(ctx.caller, 'network:create')
    const netId = (b.neutron_net_id as string | undefined) ?? (b.name as string)
    const rec = await createZunNetwork(state, netId, b.name as string, ctx.caller)
    return reply(200, {
      uuid: rec.uuid,
      name: rec.name,
      project_id: rec.projectId,
      user_id: rec.userId,
      network_id: rec.networkId,
      neutron_net_id: rec.neutronNetId,
    })
  })
  api.route(
    'DELETE',
    '/networks/:id',
    (ctx) => {
      drain(ctx)
      enforce(ctx.caller, 'network:delete')
      deleteZunNetwork(state, ctx.params.id)
      return reply(204)
    },
    {min: 27},
  )
}
