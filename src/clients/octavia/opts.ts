import {isIP} from 'node:net'

import {UsageError} from '../../core/errors.js'

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

/** `key=value[,key=value…]` (octaviaclient's _format_kv), e.g. `--session-persistence type=SOURCE_IP`. */
export function parseKeyValues(value: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of value.split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0 || part.indexOf('=', eq + 1) !== -1) {
      throw new UsageError(`--${flag} takes key=value pairs separated by commas, got '${value}'`)
    }
    out[part.slice(0, eq)] = part.slice(eq + 1)
  }
  return out
}

/** `--additional-vip subnet-id=<name-or-id>[,ip-address=<ip>]`. */
export function parseAdditionalVip(value: string): {subnet_id: string; ip_address?: string} {
  const kv = parseKeyValues(value, 'additional-vip')
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

/** Tags after `set --tag … [--no-tag]`: added to the current ones, or replacing them with --no-tag. */
export function tagsForSet(current: string[] | undefined, add: string[] | undefined, clear: boolean): string[] | undefined {
  if (add?.length) return [...new Set([...(clear ? [] : current ?? []), ...add])]
  return clear ? [] : undefined
}
