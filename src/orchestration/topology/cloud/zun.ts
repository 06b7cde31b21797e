import type {Container} from '../../../clients/zun/containers.js'
import type {ServiceClient} from '../../../http/service-client.js'
import type {ObservedResource} from '../model.js'
import type {ContainerDoc} from '../schema.js'

import {ContainerErrorStateError, ContainerStatus, createContainer, deleteContainer, getContainer, listContainers} from '../../../clients/zun/containers.js'
import {restartPolicy} from '../../../clients/zun/input.js'
import {ApiError, WaitTimeoutError} from '../../../core/errors.js'
import {waitFor} from '../../../http/wait.js'
import {MARK_KEY, resourceKey, SPEC_KEY} from '../model.js'

/** Every call the topology makes to Zun. */

/** The addresses of a container as `{networkId: [{addr, subnet_id}]}` (Zun's shape, without the noise). */
function addressesOf(c: Container): Record<string, Array<{addr: string; subnet_id: string}>> {
  return Object.fromEntries(Object.entries(c.addresses ?? {}).map(([net, list]) => [net, list.map((a) => ({addr: a.addr, subnet_id: a.subnet_id}))]))
}

export function containerFacts(c: Container): {id: string; status: string; addresses: Record<string, Array<{addr: string; subnet_id: string}>>} {
  return {id: c.uuid, status: c.status, addresses: addressesOf(c)}
}

/** The containers of a region (the token's project): one list. */
export async function observeContainers(zc: ServiceClient, region: string): Promise<ObservedResource[]> {
  return (await listContainers(zc)).map((c) => {
    const labels = (c.labels ?? {}) as Record<string, string>
    const addresses = addressesOf(c)
    return {
      key: resourceKey('container', region, c.name),
      kind: 'container' as const,
      region,
      name: c.name,
      id: c.uuid,
      mark: labels[MARK_KEY],
      // Not the status: a container's status moves by itself, which is no change to its description.
      fingerprint: `${c.uuid}/${labels[SPEC_KEY] ?? ''}/${c.image}`,
      refs: [c.image, ...Object.keys(addresses), ...Object.values(addresses).flatMap((l) => l.map((a) => a.subnet_id))],
      attrs: {image: c.image, specHash: labels[SPEC_KEY], status: c.status, status_reason: c.status_reason, addresses},
    }
  })
}

export interface RunContainerInput {
  container: ContainerDoc
  imageId: string
  networkIds: string[]
  topology: string
  specHash: string
  deadlineAt: number
  signal?: AbortSignal
  onStatus?: (status: string) => void
}

/** Runs the container (POST ?run=true) and waits until it is Running (or Stopped, for one whose command exits). */
export async function runContainer(zc: ServiceClient, i: RunContainerInput): Promise<ReturnType<typeof containerFacts>> {
  const c = i.container
  const made = await createContainer(
    zc,
    {
      name: c.name,
      image: i.imageId,
      imageDriver: 'glance',
      command: c.command,
      environment: c.environment,
      labels: {...c.labels, [MARK_KEY]: i.topology, [SPEC_KEY]: i.specHash},
      cpu: c.cpu === undefined ? undefined : String(c.cpu),
      memory: c.memory === undefined ? undefined : String(c.memory),
      restartPolicy: c.restart_policy ? restartPolicy(c.restart_policy) : undefined,
      securityGroups: c.security_groups,
      nets: i.networkIds.map((network) => ({network})),
    },
    true,
  )
  const want: string[] = c.exits ? [ContainerStatus.Running, ContainerStatus.Stopped] : [ContainerStatus.Running]
  const last = await pollQuickly(() => getContainer(zc, made.uuid), {
    until: (x) => want.includes(x.status) || x.status === ContainerStatus.Error,
    what: `container ${c.name} (${made.uuid}) to become ${want.join(' or ')}`,
    deadlineAt: i.deadlineAt,
    signal: i.signal,
    onPoll: (x) => i.onStatus?.(x.status),
  })
  if (last.status === ContainerStatus.Error) throw new ContainerErrorStateError('run', last)
  return containerFacts(last)
}

/** Statuses in which Zun refuses a delete. */
const BUSY: string[] = [ContainerStatus.Creating, ContainerStatus.Restarting, ContainerStatus.Rebuilding]

/** Deletes the container (stopping it first) and waits until it is gone (its Neutron port goes with it). */
export async function removeContainer(zc: ServiceClient, id: string, deadlineAt: number, signal?: AbortSignal): Promise<void> {
  const probe = async () => {
    try {
      return await getContainer(zc, id)
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }
  try {
    await deleteContainer(zc, id, {stop: true})
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return
    // Zun refuses to delete a container in the middle of an operation (Creating, Restarting…): wait it out, once.
    if (!(error instanceof ApiError && error.status === 409)) throw error
    const settled = await pollQuickly(probe, {until: (x) => x === undefined || !BUSY.includes(x.status), what: `container ${id} to finish its operation`, deadlineAt, signal})
    if (settled === undefined) return
    await deleteContainer(zc, id, {stop: true})
  }
  const last = await pollQuickly(probe, {
    until: (x) => x === undefined || x.status === ContainerStatus.Error,
    what: `container ${id} to be deleted`,
    deadlineAt,
    signal,
  })
  if (last) throw new ContainerErrorStateError('delete', last)
}

/**
 * Polls every 250 ms for the first 20 s (an emulated or small container is ready in seconds, and
 * the wall time of apply is its slowest wait), then backs off to 5 s, until the deadline.
 */
export async function pollQuickly<T>(
  get: () => Promise<T>,
  o: {until: (v: T) => boolean; what: string; deadlineAt: number; signal?: AbortSignal; onPoll?: (v: T) => void},
): Promise<T> {
  const fastMs = Math.min(20_000, Math.max(0, o.deadlineAt - Date.now()))
  try {
    return await waitFor(get, {until: o.until, what: o.what, timeoutMs: fastMs, minDelayMs: 250, maxDelayMs: 250, signal: o.signal, onPoll: o.onPoll})
  } catch (error) {
    if (!(error instanceof WaitTimeoutError) || Date.now() >= o.deadlineAt) throw error
  }
  return waitFor(get, {until: o.until, what: o.what, timeoutMs: o.deadlineAt - Date.now(), minDelayMs: 1000, maxDelayMs: 5000, signal: o.signal, onPoll: o.onPoll})
}
