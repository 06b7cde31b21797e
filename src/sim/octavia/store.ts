import {randomUUID} from 'node:crypto'

import {isoSeconds} from '../cloud/http.js'

/**
 * One region's simulated Octavia: load balancers, listeners, pools and members as plain records.
 * Provisioning is lazy: an object in PENDING_* carries `pending` (when it ends and how), and
 * `settle(now)` applies what is due before each request, as the worker would have done by then.
 */

export type Obj = Record<string, any>

export interface OctaviaData {
  loadbalancers: Obj[]
  listeners: Obj[]
  pools: Obj[]
  members: Obj[]
}

/** Realistic durations (ms) of the amphora flows, measured on the real Octavia of this machine. */
export const OCTAVIA_DELAYS = {create: 3000, update: 1500, delete: 1500, cascade: 2000}

export function emptyOctavia(): OctaviaData {
  return {loadbalancers: [], listeners: [], pools: [], members: []}
}

export interface Pending {
  until: number
  /** `ACTIVE` when done, or `DELETED` (the object goes away). */
  then: 'ACTIVE' | 'DELETED'
}

export class OctaviaStore {
  constructor(
    readonly region: string,
    public data: OctaviaData,
    readonly now: () => number,
  ) {}

  /** Octavia's timestamps: no fraction, no zone. */
  stamp(at = this.now()): string {
    return isoSeconds(at, false)
  }

  newId(): string {
    return randomUUID()
  }

  lb(id: string): Obj | undefined {
    return this.data.loadbalancers.find((x) => x.id === id)
  }

  /** Applies every transition due at `now`; `onLbGone` releases what a deleted LB held (its VIP port). */
  settle(now: number, onLbGone: (lb: Obj) => void): void {
    const due = (o: Obj) => o.pending && o.pending.until <= now
    for (const kind of ['members', 'pools', 'listeners', 'loadbalancers'] as const) {
      for (const o of [...this.data[kind]]) {
        if (!due(o)) continue
        const p = o.pending as Pending
        delete o.pending
        if (p.then === 'DELETED') {
          this.remove(kind, o, onLbGone)
          continue
        }
        o.provisioning_status = 'ACTIVE'
        o.updated_at = this.stamp(p.until)
      }
    }
  }

  private remove(kind: keyof OctaviaData, o: Obj, onLbGone: (lb: Obj) => void): void {
    if (kind === 'loadbalancers') {
      const pools = this.data.pools.filter((p) => p.loadbalancer_id === o.id).map((p) => p.id)
      this.data.members = this.data.members.filter((m) => !pools.includes(m.pool_id))
      this.data.pools = this.data.pools.filter((p) => p.loadbalancer_id !== o.id)
      this.data.listeners = this.data.listeners.filter((l) => l.loadbalancer_id !== o.id)
      onLbGone(o)
    }
    if (kind === 'listeners') {
      for (const p of this.data.pools) if (p.listener_id === o.id) p.listener_id = null
    }
    if (kind === 'pools') {
      this.data.members = this.data.members.filter((m) => m.pool_id !== o.id)
      for (const l of this.data.listeners) if (l.default_pool_id === o.id) l.default_pool_id = null
    }
    this.data[kind] = this.data[kind].filter((x) => x !== o)
  }
}
