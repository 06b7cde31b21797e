import {type Reply, reply} from '../common/router.js'
import {ROUTING_FILTERS, ROUTING_RESOURCE_TYPES} from './constants.js'
import {type Ctx, hasKey, pageLimit, readBody, unsupportedFilters} from './context.js'
import {apiError, crash} from './errors.js'
import {isPlainObject, pyFalsy, pyInt, pyRepr} from '../common/python.js'
import {DbError, IntegrityError, ROUTING_UPDATABLE_COLUMNS, type RoutingColumn, type RoutingRow} from './state.js'

const CREATE_FIELDS = ['top_id', 'bottom_id', 'pod_id', 'project_id', 'resource_type'] as const

export function routingView(r: RoutingRow): Record<string, unknown> {
  return {
    id: r.id,
    top_id: r.topId,
    bottom_id: r.bottomId,
    pod_id: r.podId,
    project_id: r.projectId,
    resource_type: r.resourceType,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }
}

function routingOr404(ctx: Ctx): RoutingRow {
  const id = pyInt(ctx.params.id ?? '')
  const row = id === undefined ? undefined : ctx.state.findRouting(id)
  if (!row) throw apiError(404, 'Resource routing not found')
  return row
}

/** `POST /routings`. */
export async function createRouting(ctx: Ctx): Promise<Reply> {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to create resource routing')
  const body = await readBody(ctx)
  if (!hasKey(body, 'routing')) throw apiError(400, 'Request body not found')
  const routing = body.routing
  if (!isPlainObject(routing)) throw crash('routing is not a dict')
  const values: Record<string, string> = {}
  for (const field of CREATE_FIELDS) {
    const v = routing[field]
    if (pyFalsy(v)) throw apiError(400, `Field ${field} can not be empty`)
    if (typeof v !== 'string') throw crash(`${field}.strip() on a non-string`)
    if (v.trim() === '') throw apiError(400, `Field ${field} can not be empty`)
    values[field] = v.trim()
  }
  if (!ROUTING_RESOURCE_TYPES.includes(values.resource_type as string)) throw apiError(400, 'There is no such resource type')
  let row: RoutingRow
  try {
    row = ctx.state.insertRouting({
      topId: values.top_id as string,
      bottomId: values.bottom_id as string,
      podId: values.pod_id as string,
      projectId: values.project_id as string,
      resourceType: values.resource_type as string,
    })
  } catch (e) {
    if (e instanceof IntegrityError) throw apiError(409, 'Resource routing already exists')
    if (e instanceof DbError) throw apiError(500, 'Failed to create resource routing')
    throw e
  }
  return reply(200, {routing: routingView(row)})
}

/** `GET /routings`: the caller's project only, id descending, limit/marker paging. */
export function listRoutings(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to show all resource routings')
  const {query, state} = ctx
  const limit = pageLimit(query, state.config.paginationMaxLimit)

  let marker: number | undefined
  const rawMarker = query.get('marker')
  if (rawMarker !== null) {
    marker = pyInt(rawMarker)
    if (marker === undefined) {
      throw apiError(400, `Marker should be an integer or a valid literal for int() rather than ${pyRepr(rawMarker)}`)
    }
    if (!state.findRouting(marker)) throw apiError(400, `Marker ${marker} is an invalid ID`)
  }

  const unsupported = unsupportedFilters(query, ROUTING_FILTERS)
  if (unsupported.length > 0) throw apiError(400, `Unsupported filter type: ${unsupported.join(', ')}`)

  let idFilter: number | undefined
  const rawId = query.get('id')
  if (rawId !== null) {
    idFilter = pyInt(rawId)
    if (idFilter === undefined) throw apiError(400, `Id should be an integer or a valid literal for int() rather than ${pyRepr(rawId)}`)
  }

  const filters: Array<[keyof RoutingRow, string]> = []
  const columns: Record<string, keyof RoutingRow> = {
    top_id: 'topId',
    bottom_id: 'bottomId',
    pod_id: 'podId',
    resource_type: 'resourceType',
    created_at: 'createdAt',
    updated_at: 'updatedAt',
  }
  for (const [name, column] of Object.entries(columns)) {
    const v = query.get(name)
    if (v !== null) filters.push([column, v])
  }
  // The server always replaces project_id with the token's project.
  filters.push(['projectId', ctx.caller.projectId])

  const page = state.routings
    .filter((r) => (idFilter === undefined || r.id === idFilter) && filters.every(([c, v]) => r[c] === v))
    .filter((r) => marker === undefined || r.id < marker)
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)

  const body: Record<string, unknown> = {routings: page.map(routingView)}
  const last = page.at(-1)
  if (last && page.length >= limit && last.id !== 1) {
    body.routings_links = [{rel: 'next', href: `/v1.0/routings?limit=${limit}&marker=${last.id}`}]
  }
  return reply(200, body)
}

/** `GET /routings/{id}`: not scoped to the caller's project. */
export function showRouting(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to show the resource routing')
  return reply(200, {routing: routingView(routingOr404(ctx))})
}

/** `PUT /routings/{id}`. */
export async function updateRouting(ctx: Ctx): Promise<Reply> {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to update resource routing')
  const row = routingOr404(ctx)
  const body = await readBody(ctx)
  if (!hasKey(body, 'routing')) throw apiError(400, 'Request body not found')
  const routing = body.routing
  if (!isPlainObject(routing)) throw crash('routing is not a dict')

  const values: Record<string, string> = {}
  for (const [field, v] of Object.entries(routing)) {
    if (v === null) throw apiError(400, `Field ${field} can not be empty`)
    if (typeof v !== 'string') throw crash(`${field}.strip() on a non-string`)
    if (v.trim() === '') throw apiError(400, `Field ${field} can not be empty`)
    values[field] = v.trim()
  }
  const type = values.resource_type
  if (type !== undefined && !ROUTING_RESOURCE_TYPES.includes(type)) throw apiError(400, 'There is no such resource type')
  const podId = values.pod_id
  if (podId !== undefined && !ctx.state.findPod(podId)) throw apiError(400, `The pod ${podId} doesn't exist`)

  // Keys that are not model columns (and `id`) are ignored.
  const changes: Partial<Record<RoutingColumn, string>> = {}
  for (const column of ROUTING_UPDATABLE_COLUMNS) {
    const v = values[column]
    if (v !== undefined) changes[column] = v
  }
  let answer: RoutingRow
  try {
    answer = ctx.state.updateRouting(row.id, changes)
  } catch (e) {
    if (e instanceof DbError || e instanceof IntegrityError) throw apiError(500, 'Failed to update resource routing')
    throw e
  }
  return reply(200, {routing: routingView(answer)})
}

/** `DELETE /routings/{id}`: 204 with an empty body. */
export function deleteRouting(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to delete the resource routing')
  const row = routingOr404(ctx)
  try {
    ctx.state.deleteRouting(row.id)
  } catch (e) {
    if (e instanceof DbError) throw apiError(500, 'Failed to delete the resource routing')
    throw e
  }
  return reply(204)
}
