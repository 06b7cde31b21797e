import type {Session} from '../auth/session.js'
import type {Keypair} from '../clients/compute/keypairs.js'

import {MrctlError, NotFoundError} from '../core/errors.js'
import {fanout} from './fanout.js'
import {serviceRegions} from './region-targets.js'

/**
 * Keypair sync (the multisite requirement's "clone ssh keys", Kingbird's keypair job): the public
 * key is read from the source Nova and imported into each target's. The private key is never
 * involved. Keypairs belong to the user, so the same user's key is copied.
 */

export type KeypairOutcome = 'created' | 'replaced' | 'in sync' | 'would create' | 'would replace' | 'skipped' | 'failed'

export interface KeypairTarget {
  region: string
  outcome: KeypairOutcome
  /** Why it was skipped or failed. */
  reason?: string
  error?: Error
}

/** `ssh-rsa AAAA… comment` → `ssh-rsa AAAA…`: the comment is not part of the key. */
export function sameKey(a: string, b: string): boolean {
  const key = (s: string) => s.trim().split(/\s+/).slice(0, 2).join(' ')
  return key(a) === key(b)
}

export interface KeypairSyncOptions {
  name: string
  from: string
  to: string[]
  /** Replace a target's keypair of the same name that holds another key. */
  force: boolean
  dryRun: boolean
}

export async function syncKeypair(session: Session, o: KeypairSyncOptions): Promise<{source: Keypair; targets: KeypairTarget[]}> {
  const {createKeypair, deleteKeypair, getKeypairIfExists, withKeypairMicroversion} = await import('../clients/compute/keypairs.js')
  const withCompute = await serviceRegions(session, 'compute')
  if (!withCompute.includes(o.from)) {
    throw new MrctlError(`${o.from} has no compute (Nova) endpoint: there is no keypair to copy from`, {
      actions: [withCompute.length ? `regions with compute: ${withCompute.join(', ')}` : 'no region of this cloud offers compute'],
    })
  }
  const nova = async (region: string) => withKeypairMicroversion(await session.client('compute', region))
  const source = await getKeypairIfExists(await nova(o.from), o.name)
  if (!source) throw new NotFoundError(`No Keypair found for ${o.name} in ${o.from}`, 'Keypair', o.name)
  const skipped: KeypairTarget[] = o.to
    .filter((r) => !withCompute.includes(r))
    .map((region) => ({region, outcome: 'skipped', reason: 'no compute (Nova) endpoint'}))
  const targets = o.to.filter((r) => withCompute.includes(r))
  const results = await fanout(targets, async (region): Promise<KeypairTarget> => {
    const c = await nova(region)
    const existing = await getKeypairIfExists(c, o.name)
    if (existing && sameKey(existing.public_key, source.public_key)) return {region, outcome: 'in sync'}
    if (existing && !o.force) {
      throw new MrctlError(`${region} has a keypair ${o.name} with another public key`, {actions: ['replace it with --force']})
    }
    if (o.dryRun) return {region, outcome: existing ? 'would replace' : 'would create'}
    if (existing) await deleteKeypair(c, o.name)
    await createKeypair(c, {name: o.name, public_key: source.public_key, ...(source.type ? {type: source.type} : {})})
    return {region, outcome: existing ? 'replaced' : 'created'}
  })
  const done = results.map((r): KeypairTarget => (r.ok ? r.value : {region: r.region, outcome: 'failed', reason: r.error.message, error: r.error}))
  // In the order the regions were given.
  const all = [...done, ...skipped]
  return {source, targets: o.to.map((r) => all.find((t) => t.region === r)!)}
}
