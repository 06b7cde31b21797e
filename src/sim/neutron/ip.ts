import ipaddr from 'ipaddr.js'

/** IPv4/IPv6 address maths for the simulated Neutron (parsing by ipaddr.js, arithmetic on BigInt). */

export interface Cidr {
  version: 4 | 6
  /** The network address. */
  first: bigint
  last: bigint
  prefix: number
  /** Normalised text: `10.0.0.0/24`, `2001:db8::/64`. */
  text: string
}

const bits = (v: 4 | 6) => (v === 4 ? 32 : 128)

export function isIp(s: string): boolean {
  return ipaddr.isValid(s) && (ipaddr.IPv4.isValidFourPartDecimal(s) || s.includes(':'))
}

export function ipVersion(s: string): 4 | 6 | undefined {
  if (!isIp(s)) return undefined
  return s.includes(':') ? 6 : 4
}

export function toBig(ip: string): bigint {
  return ipaddr
    .parse(ip)
    .toByteArray()
    .reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)
}

export function fromBig(n: bigint, version: 4 | 6): string {
  const len = version === 4 ? 4 : 16
  const bytes: number[] = []
  for (let i = 0; i < len; i++) bytes.unshift(Number((n >> BigInt(8 * i)) & 0xffn))
  return ipaddr.fromByteArray(bytes).toString()
}

/** Parses `a.b.c.d/n` or `x::/n`; `host` is the given address when it has host bits set. */
export function parseCidr(s: string): (Cidr & {host?: string}) | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s.trim())
  if (!m) return undefined
  const version = ipVersion(m[1])
  if (!version) return undefined
  const prefix = Number(m[2])
  if (prefix > bits(version)) return undefined
  const hostBits = BigInt(bits(version) - prefix)
  const addr = toBig(m[1])
  const first = (addr >> hostBits) << hostBits
  const last = first + (1n << hostBits) - 1n
  const text = `${fromBig(first, version)}/${prefix}`
  return {version, first, last, prefix, text, ...(addr !== first ? {host: m[1]} : {})}
}

export function contains(c: Cidr, ip: string): boolean {
  if (ipVersion(ip) !== c.version) return false
  const n = toBig(ip)
  return n >= c.first && n <= c.last
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last
}

/** Neutron's default gateway: the first host address. */
export function defaultGateway(c: Cidr): string {
  return fromBig(c.first + 1n, c.version)
}

export interface Pool {
  start: string
  end: string
}

/** The default allocation pools: every host address except the gateway (IPv4 also loses the broadcast). */
export function defaultPools(c: Cidr, gateway: string | null): Pool[] {
  const lo = c.first + 1n
  const hi = c.version === 4 ? c.last - 1n : c.last
  if (hi < lo) return []
  const gw = gateway ? toBig(gateway) : undefined
  const ranges: Array<[bigint, bigint]> = []
  if (gw === undefined || gw < lo || gw > hi) ranges.push([lo, hi])
  else {
    if (gw > lo) ranges.push([lo, gw - 1n])
    if (gw < hi) ranges.push([gw + 1n, hi])
  }
  return ranges.map(([a, b]) => ({start: fromBig(a, c.version), end: fromBig(b, c.version)}))
}

/** The lowest address of the pools not in `used`, or undefined when they are full. */
export function allocate(pools: Pool[], version: 4 | 6, used: Set<string>): string | undefined {
  const taken = new Set([...used].map((u) => toBig(u)))
  for (const p of pools) {
    for (let n = toBig(p.start), end = toBig(p.end); n <= end; n++) {
      if (!taken.has(n)) return fromBig(n, version)
      if (n - toBig(p.start) > 65_536n) break
    }
  }
  return undefined
}

export function inPools(pools: Pool[], ip: string): boolean {
  const n = toBig(ip)
  return pools.some((p) => n >= toBig(p.start) && n <= toBig(p.end))
}

/** `fa:16:3e:xx:xx:xx` as Neutron's base_mac gives them. */
export function macAddress(random: () => number = Math.random): string {
  const b = () => Math.floor(random() * 256).toString(16).padStart(2, '0')
  return `fa:16:3e:${b()}:${b()}:${b()}`
}
