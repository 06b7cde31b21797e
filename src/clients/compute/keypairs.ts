import type {ServiceClient} from '../../http/service-client.js'

import {ApiError} from '../../core/errors.js'

// --- types: a keypair as Nova returns it (keypairs belong to the user, not the project) ---
export interface Keypair {
  name: string
  public_key: string
  fingerprint?: string
  /** `ssh` or `x509` (from microversion 2.2). */
  type?: string
  [key: string]: unknown
}

export interface CreateKeypairOpts {
  name: string
  public_key: string
  type?: string
}

/**
 * 2.2 is the first microversion with the keypair `type`; every Nova since Liberty has it. Both
 * headers are sent, as novaclient does, so that older and newer Novas read it.
 */
export const KEYPAIR_MICROVERSION = '2.2'
export function withKeypairMicroversion(c: ServiceClient): ServiceClient {
  return c.withMicroversion({
    header: 'OpenStack-API-Version',
    service: 'compute',
    version: KEYPAIR_MICROVERSION,
    legacyHeader: 'X-OpenStack-Nova-API-Version',
  })
}

// --- paths ---
const root = () => '/os-keypairs'
const item = (name: string) => `/os-keypairs/${encodeURIComponent(name)}`

// --- verbs ---
export async function getKeypair(c: ServiceClient, name: string): Promise<Keypair> {
  return (await c.get<{keypair: Keypair}>(item(name))).keypair
}

/** The keypair, or undefined when Nova answers 404. */
export async function getKeypairIfExists(c: ServiceClient, name: string): Promise<Keypair | undefined> {
  try {
    return await getKeypair(c, name)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
}

/** Imports a public key (`POST /os-keypairs` with `public_key`: Nova generates nothing). */
export async function createKeypair(c: ServiceClient, opts: CreateKeypairOpts): Promise<Keypair> {
  return (await c.post<{keypair: Keypair}>(root(), {keypair: opts})).keypair
}

export async function deleteKeypair(c: ServiceClient, name: string): Promise<void> {
  await c.delete(item(name))
}
