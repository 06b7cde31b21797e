import type {ApplyResult} from './apply.js'
import type {Plan} from './plan.js'

import {ExitCode} from '../../core/exit-codes.js'

/** The tables the topology commands print, and their exit codes. */

export interface Table {
  headers: string[]
  rows: string[][]
}

export function planTable(plan: Plan): Table {
  return {
    headers: ['Region', 'Resource', 'Action', 'Reason', 'ID'],
    rows: plan.changes.map((c) => [c.region, `${c.kind} ${c.name}`, c.action === 'not-owned' ? 'exists, not owned' : c.action, c.reason ?? '', c.id ?? '']),
  }
}

/** `N to create, M to update…` (or `0 changes`). */
export function planSummary(plan: Plan): string {
  const counts = new Map<string, number>()
  for (const c of plan.changes) if (c.action !== 'unchanged') counts.set(c.action, (counts.get(c.action) ?? 0) + 1)
  if (counts.size === 0) return `0 changes: ${plan.topology} is applied (${plan.changes.length} resources unchanged)`
  const order = ['create', 'update', 'adopt', 'replace', 'delete', 'not-owned', 'blocked', 'unknown']
  const words: Record<string, string> = {create: 'to create', update: 'to update', adopt: 'to adopt', replace: 'to replace', delete: 'to delete', 'not-owned': 'exist, not owned', blocked: 'blocked', unknown: 'unknown (region unreadable)'}
  const total = [...counts.values()].reduce((a, b) => a + b, 0)
  return `${total} change${total === 1 ? '' : 's'}: ${order.filter((a) => counts.has(a)).map((a) => `${counts.get(a)} ${words[a]}`).join(', ')}`
}

export function applyTable(r: ApplyResult): Table {
  return {
    headers: ['Region', 'Resource', 'Step', 'Status', 'ID', 'Address', 'Seconds', 'Error'],
    rows: r.steps.map((s) => [s.region, s.resource, s.action, s.status, s.id ?? '', s.address ?? '', s.ms === undefined ? '' : (s.ms / 1000).toFixed(1), s.error ?? '']),
  }
}

/** One line per region: `RegionOne: 3 done; RegionTwo: 1 failed, 2 skipped`. */
export function regionSummary(r: ApplyResult): string {
  const byRegion = new Map<string, Map<string, number>>()
  for (const s of r.steps) {
    const m = byRegion.get(s.region) ?? new Map<string, number>()
    m.set(s.status, (m.get(s.status) ?? 0) + 1)
    byRegion.set(s.region, m)
  }
  return [...byRegion.entries()].map(([region, m]) => `${region || 'central'}: ${[...m.entries()].map(([k, v]) => `${v} ${k}`).join(', ')}`).join('; ')
}

export function applyExitCode(r: ApplyResult): number | undefined {
  if (r.interrupted) return ExitCode.Interrupted
  return r.steps.some((s) => s.status !== 'done') ? ExitCode.Partial : undefined
}

/** What `topology status` shows: each resource of the file per region, as the clouds have it. */
export function statusTable(plan: Plan): Table {
  const rows = plan.changes.map((c) => {
    const o = c.observed
    const a = o?.attrs ?? {}
    let state = ''
    let detail = ''
    switch (c.kind) {
      case 'container':
        state = String(a.status ?? '')
        detail = Object.values((a.addresses ?? {}) as Record<string, Array<{addr: string}>>).flat().map((x) => x.addr).join(', ')
        break
      case 'loadbalancer':
        state = [a.provisioning_status, a.operating_status].filter(Boolean).join('/')
        detail = String(a.vip_address ?? '')
        break
      case 'listener':
      case 'pool':
        state = String(a.provisioning_status ?? '')
        break
      case 'member':
        state = [a.provisioning_status, a.operating_status].filter(Boolean).join('/')
        detail = `${a.address ?? ''}${a.protocol_port ? `:${a.protocol_port}` : ''}`
        break
      case 'image':
        state = String(a.status ?? '')
        detail = a.os_hash_value ? `sha512 ${String(a.os_hash_value).slice(0, 16)}…` : ''
        break
      case 'subnet':
        detail = String(a.cidr ?? '')
        break
      case 'pod':
        detail = a.az ? `az ${a.az}` : o ? 'central pod' : ''
        break
    }
    const exists = !o ? (c.action === 'unknown' ? 'unknown' : 'missing') : c.action === 'not-owned' ? 'exists, not owned' : c.action === 'delete' ? 'owned, not in file' : o.mark ? 'owned' : 'exists'
    return [c.region, `${c.kind} ${c.name}`, exists, state, detail, o?.id ?? '', c.action === 'unknown' ? (c.reason ?? '') : c.action === 'unchanged' || c.action === 'delete' ? '' : `plan: ${c.action}`]
  })
  return {headers: ['Region', 'Resource', 'Exists', 'Status', 'Detail', 'ID', 'Note'], rows}
}

/** One warning per region and error: `RegionTwo: could not read containers: Zun: cannot reach …`. */
export function readFailureWarnings(observed: import('./model.js').Observed): string[] {
  const byMessage = new Map<string, {region: string; kinds: string[]; message: string}>()
  for (const f of observed.failures) {
    const k = `${f.region}\0${f.error.message}`
    const e = byMessage.get(k) ?? {region: f.region, kinds: [], message: f.error.message}
    e.kinds.push(`${f.kind}s`)
    byMessage.set(k, e)
  }
  return [...byMessage.values()].map((e) => `${e.region || 'central'}: could not read ${e.kinds.join(', ')}: ${e.message}`)
}
