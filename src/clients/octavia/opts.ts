import type {TagFilters} from '../../core/tags.js'

import {isIP} from 'node:net'

import {UsageError} from '../../core/errors.js'
import {parseKeyValues} from '../../core/key-values.js'

/**
 * Checks and conversions for the values octaviaclient checks on the client side, with its
 * messages. They are usage errors here (exit 2): nothing has been sent yet.
 */

export const MIN_PORT = 1
export const MAX_PORT = 65_535
export const MIN_WEIGHT = 0
export const MAX_WEIGHT = 256

export function checkPort(value: number | undefined, flag: string): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < MIN_PORT || value > MAX_PORT) {
    throw new UsageError(
      `Invalid input for field/attribute '${flag}', Value: '${value}'. Value must be between ${MIN_PORT} and ${MAX_PORT}.`,
    )
  }
}

export function checkWeight(value: number | undefined): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < MIN_WEIGHT || value > MAX_WEIGHT) {
    throw new UsageError(
      `Invalid input for field/attribute 'weight', Value: '${value}'. Value must be between ${MIN_WEIGHT} and ${MAX_WEIGHT}.`,
    )
  }
}

export function checkIp(value: string | undefined, flag: string): void {
  if (value !== undefined && isIP(value) === 0) {
    throw new UsageError(`--${flag}: '${value}' does not appear to be an IPv4 or IPv6 address`)
  }
}

/** `--additional-vip subnet-id=<name-or-id>[,ip-address=<ip>]`. */
export function parseAdditionalVip(value: string): {subnet_id: string; ip_address?: string} {
  const kv = parseKeyValues('--additional-vip', value)
  const unknown = Object.keys(kv).filter((k) => k !== 'subnet-id' && k !== 'ip-address')
  if (unknown.length) throw new UsageError(`--additional-vip: unknown key ${unknown.join(', ')} (keys: subnet-id, ip-address)`)
  if (!kv['subnet-id']) throw new UsageError('Additional VIPs must include a subnet-id.')
  checkIp(kv['ip-address'], 'additional-vip ip-address')
  return {subnet_id: kv['subnet-id'], ...(kv['ip-address'] ? {ip_address: kv['ip-address']} : {})}
}

/** `--vip-qos-policy-id None` clears it, as in octaviaclient. */
export function isNoneWord(value: string): boolean {
  return ['none', 'null', 'void'].includes(value.toLowerCase())
}

/** The tag filters on Octavia's wire: each a list (a repeated query key), as python-octaviaclient sends them. */
export function tagFilterQuery(f: TagFilters): Record<string, string[] | undefined> {
  return {'tags': f.tags, 'tags-any': f.anyTags, 'not-tags': f.notTags, 'not-tags-any': f.notAnyTags}
}
