import {type Api, drain, pecanKwargs, reply, requireJsonContentType} from '../api.js'
import {createZunNetwork, deleteZunNetwork} from '../backend/admin.js'
import {serverError} from '../errors.js'
import {validateOrThrow} from '../jsonschema.js'
import {networkCreate} from '../schemas.js'
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
    const body = await pecanKwargs(ctx)
    validateOrThrow(networkCreate, body, 'body')
    enforce(ctx.caller, 'network:create')
    // Zun reads `neutron_net_id` without checking that it was given: an unhandled KeyError, 500.
    if (typeof body.neutron_net_id !== 'string') throw serverError()
    const rec = await createZunNetwork(state, body.neutron_net_id, body.name as string, ctx.caller)
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
