// Client-side checks of Neutron inputs, run before the first call so that bad input creates
// nothing. They throw UsageError (exit 2) naming the flag and the bad value.

import {isIPv4, isIPv6} from 'node:net'

import {UsageError} from '../../core/errors.js'

export interface IpAddress {
  version: 4 | 6
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint
  text: string
}

export interface Cidr {
  version: 4 | 6
  prefix: number
  /** The network address (host bits cleared, as Neutron stores it). */
  network: bigint
  /** The last address of the range. */
  last: bigint
  text: string
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const t = text.trim()
  if (isIPv4(t)) return {version: 4, value: ipv4ToBigInt(t), text: t}
  if (isIPv6(t) && !t.includes('%')) return {version: 6, value: ipv6ToBigInt(t), text: t}
  return undefined
}

/**
 * Parses `address/prefix`. Host bits may be set: Neutron accepts 10.0.0.5/24 and stores
 * 10.0.0.0/24, so this does too (and /024, which it reads as /24). One case is stricter than
 * Neutron: an octet with a leading zero (010.0.0.0) is refused, since it reads as octal to some
 * tools and decimal to others. Undefined when it is not a CIDR.
 */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim())
  if (!m) return undefined
  const ip = parseIp(m[1])
  if (!ip) return undefined
  const bits = ip.version === 4 ? 32 : 128
  const prefix = Number(m[2])
  if (prefix > bits) return undefined
  const hostBits = BigInt(bits - prefix)
  const hostMask = (1n << hostBits) - 1n
  const network = ip.value & ~hostMask & ((1n << BigInt(bits)) - 1n)
  return {version: ip.version, prefix, network, last: network | hostMask, text: text.trim()}
}

export function cidrContains(c: Cidr, ip: IpAddress): boolean {
  return c.version === ip.version && ip.value >= c.network && ip.value <= c.last
}

/** A CIDR flag value, or a UsageError naming the flag. */
export function requireCidr(flag: string, text: string): Cidr {
  const c = parseCidr(text)
  if (!c) {
    throw new UsageError(`${flag} ${text}: not a CIDR (expected an address and a prefix length, e.g. 10.0.0.0/24 or 2001:db8::/64)`)
  }
  return c
}

/** An IP address flag value, or a UsageError naming the flag. */
export function requireIp(flag: string, text: string, version?: 4 | 6): IpAddress {
  const ip = parseIp(text)
  if (!ip) throw new UsageError(`${flag} ${text}: not an IP address`)
  if (version && ip.version !== version) throw new UsageError(`${flag} ${text}: an IPv${ip.version} address where IPv${version} is expected`)
  return ip
}

/** A whole number flag given as a string (argparse leaves `--provider-segment` a string). */
export function requireInt(flag: string, text: string, range?: {min?: number; max?: number}): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${flag} ${text}: not a whole number`)
  const n = Number(text)
  if ((range?.min !== undefined && n < range.min) || (range?.max !== undefined && n > range.max)) {
    throw new UsageError(`${flag} ${text}: out of range (${range?.min ?? '…'}–${range?.max ?? '…'})`)
  }
  return n
}

function ipv4ToBigInt(t: string): bigint {
  return t.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n)
}

function ipv6ToBigInt(t: string): bigint {
  let text = t
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const n = ipv4ToBigInt(v4[1])
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined]
  const h = head ? head.split(':') : []
  const tl = tail === undefined ? [] : tail ? tail.split(':') : []
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl]
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n)
}
