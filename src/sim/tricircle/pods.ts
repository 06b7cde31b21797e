import {type Reply, reply} from '../common/router.js'
import {type Ctx, hasKey, readBody} from './context.js'
import {abort, crash, textError} from './errors.js'
import {isPlainObject} from '../common/python.js'
import {DbError, IntegrityError, type PodRow} from './state.js'

export function podView(p: PodRow): Record<string, string> {
  return {pod_id: p.podId, region_name: p.regionName, pod_az_name: p.podAzName, dc_name: p.dcName, az_name: p.azName}
}

/** `pod.get(key, '').strip()`: a missing key is '', anything but a str (null included) is an unhandled error. */
function stripped(pod: Record<string, unknown>, key: string): string {
  const v = Object.hasOwn(pod, key) ? pod[key] : ''
  if (typeof v !== 'string') throw crash(`${key}.strip() on a non-string`)
  return v.trim()
}

/** `POST /pods`. */
export async function createPod(ctx: Ctx): Promise<Reply> {
  if (!ctx.caller.admin) throw abort(401, 'Unauthorized to create pods')
  const body = await readBody(ctx)
  if (!hasKey(body, 'pod')) throw abort(400, 'Request body pod not found')
  const pod = body.pod
  if (!isPlainObject(pod)) throw crash('pod is not a dict')
  const regionName = stripped(pod, 'region_name')
  const azName = stripped(pod, 'az_name')
  let podAzName = stripped(pod, 'pod_az_name')
  const dcName = stripped(pod, 'dc_name')

  const top = ctx.state.topPod()
  if (azName === '') {
    if (regionName === '') throw textError(422, 'Valid region_name is required for top region')
    if (top) throw textError(409, 'Top region already exists')
    podAzName = ''
  } else {
    if (regionName === '') throw textError(422, 'Valid region_name is required for pod')
    if (top && top.regionName === regionName) throw textError(409, 'Pod region name duplicated with the top region name')
  }

  let row: PodRow
  try {
    row = ctx.state.insertPod({regionName, podAzName, dcName, azName})
  } catch (e) {
    if (e instanceof IntegrityError) throw textError(409, 'Record already exists')
    if (e instanceof DbError) throw textError(500, 'Failed to create pod')
    throw e
  }
  return reply(200, {pod: podView(row)})
}

/** `GET /pods`: every pod, in insertion order; query parameters are ignored. */
export function listPods(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw abort(401, 'Unauthorized to list pods')
  if (ctx.state.takeFault('pod.list')) throw abort(500, 'Failed to list pods')
  return reply(200, {pods: ctx.state.pods.map(podView)})
}

/** `GET /pods/{id}`. */
export function showPod(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw abort(401, 'Unauthorized to show pods')
  const pod = ctx.state.findPod(ctx.params.id ?? '')
  if (!pod) throw abort(404, 'Pod not found')
  return reply(200, {pod: podView(pod)})
}

/** `DELETE /pods/{id}`: 200 `{}`; the central pod may be deleted too. */
export function deletePod(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw abort(401, 'Unauthorized to delete pods')
  const id = ctx.params.id ?? ''
  if (!ctx.state.findPod(id)) throw textError(404, 'Pod not found')
  try {
    ctx.state.deletePod(id)
  } catch (e) {
    if (e instanceof DbError) throw textError(500, 'Failed to delete pod')
    throw e
  }
  return reply(200, {})
}
