import type {Container, CreateContainerOpts} from '../clients/zun/containers.js'
import type {ServiceClient} from '../http/service-client.js'

import {setMaxListeners} from 'node:events'

import {findImage} from '../clients/glance/images.js'
import {findNetwork} from '../clients/neutron/networks.js'
import {ContainerStatus, createContainer} from '../clients/zun/containers.js'
import {MrctlError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {fanout} from './fanout.js'
import {pollQuickly} from './topology/cloud/zun.js'

/**
 * `appcontainer run … --region R1 --region R2 | --all-regions`: the same container in several
 * regions at once. The image is resolved by name in each region's Glance (the guide copies a
 * different image ID per region), networks by name in the central region's Neutron (Tricircle's
 * networks live there); every region is resolved before the first container is created, so a
 * bad name creates nothing. Then the containers are created in parallel and, with --wait, waited
 * to Running; a region that fails is reported and the others go on (exit 3).
 */

export interface RunClients {
  image(region: string): Promise<ServiceClient>
  network(region: string): Promise<ServiceClient>
  container(region: string): Promise<ServiceClient>
}

export interface MultiRunInput {
  regions: string[]
  /** The region of the central Neutron, where `network=<name>` is looked up. */
  central: string
  opts: CreateContainerOpts
  wait: boolean
  timeoutMs: number
  signal?: AbortSignal
  /** Told of each container once created (an interrupt then says it exists), and at each poll. */
  onCreated?: (region: string, c: Container) => void
  onStatus?: (region: string, c: Container) => void
}

export interface RegionRun {
  region: string
  uuid?: string
  name?: string
  status?: string
  addresses?: string
  image?: string
  error?: string
}

/** Glance images by name or ID, per region; `docker` images (the default driver) are Zun's business. */
async function resolveImages(clients: RunClients, regions: string[], input: MultiRunInput): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if ((input.opts.imageDriver ?? 'docker') !== 'glance') {
    for (const r of regions) out.set(r, input.opts.image)
    return out
  }
  const found = await fanout(regions, async (r) => (await findImage(await clients.image(r), input.opts.image)).id)
  const missing = found.filter((f) => !f.ok) as Array<{region: string; ok: false; error: Error}>
  if (missing.length) {
    throw new MrctlError(`image ${input.opts.image} cannot be used in every region; nothing was created:\n  ${missing.map((m) => `${m.region}: ${m.error.message}`).join('\n  ')}`, {
      exitCode: ExitCode.Error,
      actions: [`copy it there first: mrctl image sync ${input.opts.image} --from REGION --to ${missing.map((m) => m.region).join(' --to ')}`],
      data: {regions: missing.map((m) => ({region: m.region, error: m.error.message}))},
    })
  }
  for (const f of found) if (f.ok) out.set(f.region, f.value)
  return out
}

/** `network=<name>` → `network=<id>`, looked up once in the central Neutron. */
async function resolveNets(clients: RunClients, input: MultiRunInput): Promise<CreateContainerOpts['nets']> {
  const nets = input.opts.nets ?? []
  if (!nets.some((n) => n.network)) return nets
  const c = await clients.network(input.central)
  return Promise.all(nets.map(async (n) => (n.network ? {...n, network: (await findNetwork(c, n.network)).id} : n)))
}

function addressesOf(c: Container): string {
  return Object.values(c.addresses ?? {})
    .flat()
    .map((a) => a.addr)
    .join(', ')
}

export async function runInRegions(clients: RunClients, input: MultiRunInput): Promise<{rows: RegionRun[]; exitCode?: number}> {
  const regions = [...new Set(input.regions)]
  if (regions.length === 0) throw new MrctlError('no region to run the container in', {exitCode: ExitCode.Usage})
  const [images, nets] = await Promise.all([resolveImages(clients, regions, input), resolveNets(clients, input)])
  // Each poll of each region's wait listens on it: a signal of our own, without the listener limit.
  const aborter = new AbortController()
  setMaxListeners(0, aborter.signal)
  input.signal?.addEventListener('abort', () => aborter.abort(input.signal?.reason), {once: true})
  const results = await fanout(regions, async (region) => {
    const zc = await clients.container(region)
    const made = await createContainer(zc, {...input.opts, image: images.get(region)!, nets}, true)
    input.onCreated?.(region, made)
    if (!input.wait) return made
    const want: string[] = [ContainerStatus.Running, ContainerStatus.Stopped]
    const deadlineAt = Date.now() + input.timeoutMs
    const {getContainer, ContainerErrorStateError} = await import('../clients/zun/containers.js')
    const last = await pollQuickly(() => getContainer(zc, made.uuid), {
      until: (x) => want.includes(x.status) || x.status === ContainerStatus.Error,
      what: `container ${made.name} (${made.uuid}) in ${region} to become Running`,
      deadlineAt,
      signal: aborter.signal,
      onPoll: (c) => input.onStatus?.(region, c),
    })
    if (last.status === ContainerStatus.Error) throw new ContainerErrorStateError('run', last)
    return last
  })
  const rows: RegionRun[] = results.map((r) =>
    r.ok
      ? {region: r.region, uuid: r.value.uuid, name: r.value.name, status: r.value.status, addresses: addressesOf(r.value), image: images.get(r.region)}
      : {region: r.region, image: images.get(r.region), error: r.error.message},
  )
  const failed = rows.filter((r) => r.error).length
  return {rows, exitCode: failed === 0 ? undefined : failed === rows.length ? ExitCode.Error : ExitCode.Partial}
}

/** The table `appcontainer run --region …` prints: one row per region. */
export function regionRunTable(rows: RegionRun[]): {headers: string[]; rows: string[][]} {
  return {
    headers: ['Region', 'uuid', 'name', 'status', 'addresses', 'image', 'error'],
    rows: rows.map((r) => [r.region, r.uuid ?? '', r.name ?? '', r.status ?? 'failed', r.addresses ?? '', r.image ?? '', r.error ?? '']),
  }
}
