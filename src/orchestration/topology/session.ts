import type {Session} from '../../auth/session.js'
import type {CloudClients} from './cloud/clients.js'
import type {Topology} from './load.js'
import type {DesiredResource, ImageFileHash, Observed} from './model.js'
import type {Plan} from './plan.js'

import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'

import {regionsWith} from '../../auth/catalog.js'
import {EndpointNotFoundError, MrctlError, UsageError} from '../../core/errors.js'
import {sessionClients} from './cloud/clients.js'
import {desiredResources} from './desired.js'
import {imagePath, loadTopology} from './load.js'
import {KIND_SERVICE} from './model.js'
import {observe} from './observe.js'
import {planTopology} from './plan.js'

/**
 * What the topology commands share once a session exists: the file checked against the
 * catalog, the image files hashed, the clouds read, the plan made. Nothing here writes.
 */

export interface Prepared {
  topo: Topology
  desired: DesiredResource[]
  hashes: Record<string, ImageFileHash>
  clients: CloudClients
  tricircleRegion?: string
  observed: Observed
  plan: Plan
}

/** Loads a topology file for a session: its regions are checked against the profile's list. */
export async function loadForSession(session: Session, file: string): Promise<Topology> {
  return loadTopology(file, {regions: session.config.regions})
}

/** Every region a resource is in must offer its service (catalog or endpoint override): all problems at once, before any request that writes. */
export async function checkCatalog(session: Session, desired: DesiredResource[]): Promise<{tricircleRegion?: string}> {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const d of desired) {
    const service = KIND_SERVICE[d.kind]
    if (service === 'tricircle') continue
    const k = `${service}@${d.region}`
    if (seen.has(k)) continue
    seen.add(k)
    try {
      await session.endpoint(service, d.region)
    } catch (error) {
      if (!(error instanceof EndpointNotFoundError)) throw error
      problems.push(`${d.kind} ${d.name}: ${d.region} has no ${service} endpoint${error.actions.length ? ` (${error.actions.join('; ')})` : ''}`)
    }
  }
  let tricircleRegion: string | undefined
  if (desired.some((d) => d.kind === 'pod')) {
    const {catalog} = await session.tokenData()
    const offering = regionsWith(catalog, 'tricircle', session.config.interface)
    if (offering.length === 0) problems.push('pods: no region of the catalog offers Tricircle (tricircle)')
    else tricircleRegion = offering.find((r) => r === centralOf(desired)) ?? offering[0]
  }
  if (problems.length) {
    throw new UsageError(`the topology does not fit this cloud (nothing was sent):\n  ${problems.join('\n  ')}`, [
      'see the regions and their services with: mrctl catalog list',
    ])
  }
  return {tricircleRegion}
}

const centralOf = (desired: DesiredResource[]) =>
  desired.find((d) => d.spec.kind === 'pod' && d.spec.pod.availability_zone === undefined)?.region

/** md5 and sha512 of each image file, in one read each (Glance reports sha512 as os_hash_value, md5 as checksum). */
export async function hashImageFiles(topo: Topology): Promise<Record<string, ImageFileHash>> {
  const paths = [...new Set(topo.doc.images.filter((i) => i.file !== undefined).map((i) => imagePath(topo, i.file!)))]
  const out: Record<string, ImageFileHash> = {}
  await Promise.all(
    paths.map(async (path) => {
      const md5 = createHash('md5')
      const sha512 = createHash('sha512')
      let size = 0
      for await (const chunk of createReadStream(path, {highWaterMark: 1024 * 1024})) {
        md5.update(chunk as Buffer)
        sha512.update(chunk as Buffer)
        size += (chunk as Buffer).length
      }
      out[path] = {size, md5: md5.digest('hex'), sha512: sha512.digest('hex')}
    }),
  )
  return out
}

/** The whole read-only part of plan/apply/status/destroy for a topology. */
export async function prepare(session: Session, topo: Topology, opts: {adopt?: boolean; hashes?: Record<string, ImageFileHash>} = {}): Promise<Prepared> {
  const hashes = opts.hashes ?? (await hashImageFiles(topo))
  const desired = desiredResources(topo, hashes)
  // One token for the whole run, before anything fans out.
  await session.tokenData()
  const {tricircleRegion} = await checkCatalog(session, desired)
  const clients = await sessionClients(session)
  const observed = await observe(clients, desired, {topology: topo.name, tricircleRegion})
  const plan = planTopology(desired, observed, {topology: topo.name, adopt: opts.adopt})
  return {topo, desired, hashes, clients, tricircleRegion, observed, plan}
}

/** A run that may not write: pods that differ, resources owned by another topology, unowned ones without --adopt. */
export function stoppingProblems(plan: Plan): MrctlError | undefined {
  const stops = plan.changes.filter((c) => c.action === 'blocked' || c.action === 'not-owned')
  if (stops.length === 0) return undefined
  const notOwned = stops.some((c) => c.action === 'not-owned')
  return new MrctlError(
    `nothing was changed: ${stops.length} resource${stops.length === 1 ? '' : 's'} cannot be applied as described:\n  ${stops.map((c) => `${c.region} ${c.kind} ${c.name}: ${c.reason}`).join('\n  ')}`,
    {
      actions: notOwned ? ['to take over resources that have the topology’s names but not its mark, run apply with --adopt', 'or rename them in the topology'] : [],
      data: {blocked: stops.map((c) => ({region: c.region, kind: c.kind, name: c.name, action: c.action, reason: c.reason, id: c.id}))},
    },
  )
}
