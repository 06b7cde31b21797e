import type {Topology} from './load.js'
import type {ImageFileHash, Observed} from './model.js'
import type {Plan} from './plan.js'
import type {TopologyDoc} from './schema.js'

import {readFile} from 'node:fs/promises'

import {MrctlError, UsageError} from '../../core/errors.js'

/**
 * A saved plan (`topology plan -o PLAN`): the topology as it was read, the hash of each image
 * file, the fingerprint of everything observed, and the changes. `topology apply PLAN` applies
 * exactly that, and refuses when the clouds or the image files moved since, as a reviewed
 * Terraform plan is applied.
 */

export const PLAN_FORMAT = 'mrctl-topology-plan/1'

export interface SavedPlan {
  format: typeof PLAN_FORMAT
  topology: string
  file: string
  central?: string
  cloud: string
  adopt: boolean
  doc: TopologyDoc
  hashes: Record<string, ImageFileHash>
  /** Per resource key: the fingerprints of what was observed under it ('' for nothing). */
  fingerprints: Record<string, string>
  changes: Array<{key: string; action: string; reason?: string; id?: string}>
  createdAt: string
}

/** What was observed, per key the topology cares about: the keys it describes and everything carrying its mark. */
export function fingerprints(plan: Plan, observed: Observed): Record<string, string> {
  const keys = new Set(plan.changes.map((c) => c.key))
  const out: Record<string, string> = {}
  for (const k of keys) out[k] = ''
  for (const o of observed.resources) {
    if (!keys.has(o.key) && o.mark !== plan.topology) continue
    if (o.foreign && o.kind !== 'image') continue
    out[o.key] = [out[o.key] ?? '', o.fingerprint].filter(Boolean).sort().join(' ')
  }
  return out
}

export function savePlan(topo: Topology, cloud: string, adopt: boolean, hashes: Record<string, ImageFileHash>, plan: Plan, observed: Observed): SavedPlan {
  return {
    format: PLAN_FORMAT,
    topology: topo.name,
    file: topo.file,
    central: topo.central,
    cloud,
    adopt,
    doc: topo.doc,
    hashes,
    fingerprints: fingerprints(plan, observed),
    changes: plan.changes.map((c) => ({key: c.key, action: c.action, ...(c.reason ? {reason: c.reason} : {}), ...(c.id ? {id: c.id} : {})})),
    createdAt: new Date().toISOString(),
  }
}

export async function readPlan(path: string): Promise<SavedPlan> {
  let parsed: SavedPlan
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as SavedPlan
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    throw new UsageError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : `not a saved plan (${e.message})`}`, ['save one with: mrctl topology plan -f FILE -o PLAN'])
  }
  if (parsed?.format !== PLAN_FORMAT) throw new UsageError(`${path} is not a plan saved by mrctl topology plan -o (format ${String(parsed?.format)})`)
  return parsed
}

export function topologyOf(saved: SavedPlan): Topology {
  return {name: saved.topology, file: saved.file, doc: saved.doc, central: saved.central}
}

/** Why a saved plan may no longer be applied: each resource that changed, appeared or went, and each image file that changed. */
export function staleness(saved: SavedPlan, now: {fingerprints: Record<string, string>; hashes: Record<string, ImageFileHash>; observed: Observed; cloud: string}): string[] {
  const out: string[] = []
  if (saved.cloud !== now.cloud) out.push(`the plan was made for cloud ${saved.cloud}, not ${now.cloud}`)
  for (const f of now.observed.failures) out.push(`${f.region || 'central'} ${f.kind}s could not be read to check them: ${f.error.message}`)
  for (const [path, h] of Object.entries(saved.hashes)) {
    const n = now.hashes[path]
    if (!n) out.push(`image file ${path} is gone`)
    else if (n.sha512 !== h.sha512) out.push(`image file ${path} changed`)
  }
  const keys = new Set([...Object.keys(saved.fingerprints), ...Object.keys(now.fingerprints)])
  for (const k of [...keys].sort()) {
    const was = saved.fingerprints[k] ?? ''
    const is = now.fingerprints[k] ?? ''
    if (was === is) continue
    const [kind, region, name] = k.split(':')
    const what = `${region} ${kind} ${name}`
    if (!was) out.push(`${what} appeared`)
    else if (!is) out.push(`${what} is missing (it was there when the plan was made)`)
    else out.push(`${what} changed`)
  }
  return out
}

export function staleError(path: string, reasons: string[]): MrctlError {
  return new MrctlError(`the clouds changed since ${path} was saved; nothing was applied:\n  ${reasons.join('\n  ')}`, {
    code: 'PlanStale',
    actions: ['make and review a new plan: mrctl topology plan -f FILE -o PLAN'],
    data: {reasons},
  })
}
