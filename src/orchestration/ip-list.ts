import type {Session} from '../auth/session.js'
import type {ServiceClient} from '../http/service-client.js'
import type {FloatingIp} from '../clients/neutron/floating-ips.js'
import type {Cidr} from '../clients/neutron/input.js'
import type {Network} from '../clients/neutron/networks.js'
import type {Port} from '../clients/neutron/ports.js'
import type {Subnet} from '../clients/neutron/subnets.js'

import {cidrContains, parseCidr, parseIp} from '../clients/neutron/input.js'
import {ApiError, NotFoundError} from '../core/errors.js'
import {fanout} from './fanout.js'

/**
 * The global IP view the multisite requirement asks for: every fixed and floating address of a
 * project's ports in every region, and the addresses used in more than one region.
 */

export interface IpEntry {
  region: string
  address: string
  version: 4 | 6
  kind: 'fixed' | 'floating'
  networkId: string
  networkName: string | null
  subnetId: string | null
  subnetName: string | null
  cidr: string | null
  portId: string | null
  portName: string | null
  macAddress: string | null
  deviceOwner: string | null
  deviceId: string | null
}

/** What one region holds of the project's addresses. */
interface RegionSnapshot {
  ports: Port[]
  /** The subnets of the ports' addresses and of the floating IPs' networks. */
  subnets: Subnet[]
  /** The networks of the ports and floating IPs (with --network: also those of that name or ID). */
  networks: Network[]
  floatingIps: FloatingIp[]
}

const PORT_FIELDS = ['id', 'name', 'network_id', 'fixed_ips', 'mac_address', 'device_owner', 'device_id']
const SUBNET_FIELDS = ['id', 'name', 'network_id', 'cidr']
const NETWORK_FIELDS = ['id', 'name']
/** IDs per filtered list call: ~40 characters each keeps a URL near 2 KB. */
const IDS_PER_CALL = 50

/** One list call per IDS_PER_CALL values of `key` (none when there is no value). */
async function byIds<T>(ids: string[], list: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) chunks.push(ids.slice(i, i + IDS_PER_CALL))
  return (await Promise.all(chunks.map((c) => list(c)))).flat()
}

const unique = (xs: Array<string | undefined | null>) => [...new Set(xs.filter((x): x is string => Boolean(x)))]

/**
 * A few list calls, none per port: the project's ports, floating IPs, subnets and networks at once
 * (and, with `network`, the networks of that name or ID); then, only if some are missing (a port
 * on another project's shared network, a floating IP's external network), those subnets and
 * networks by ID. Listing every subnet and network the token sees instead would make the server
 * read the whole cloud's (an admin sees every project's).
 */
async function snapshot(c: ServiceClient, projectId: string, network?: string): Promise<RegionSnapshot> {
  const [{listPorts}, {listSubnets}, {listNetworks}, {listFloatingIps}] = await Promise.all([
    import('../clients/neutron/ports.js'),
    import('../clients/neutron/subnets.js'),
    import('../clients/neutron/networks.js'),
    import('../clients/neutron/floating-ips.js'),
  ])
  const mine = {project_id: projectId}
  const [ports, floatingIps, ownSubnets, ownNetworks, asked] = await Promise.all([
    listPorts(c, {...mine, fields: PORT_FIELDS}),
    listFloatingIps(c, mine),
    listSubnets(c, {...mine, fields: SUBNET_FIELDS}),
    listNetworks(c, {...mine, fields: NETWORK_FIELDS}),
    network === undefined ? [] : networksNamed(c, network, listNetworks),
  ])
  const haveSubnet = new Set(ownSubnets.map((x) => x.id))
  const haveNetwork = new Set([...ownNetworks, ...asked].map((n) => n.id))
  const fipNetworks = unique(floatingIps.map((f) => f.floating_network_id)).filter((id) => !haveNetwork.has(id))
  const [otherSubnets, fipSubnets, otherNetworks] = await Promise.all([
    byIds(unique(ports.flatMap((p) => (p.fixed_ips ?? []).map((f) => f.subnet_id))).filter((id) => !haveSubnet.has(id)), (id) => listSubnets(c, {id, fields: SUBNET_FIELDS})),
    byIds(fipNetworks, (network_id) => listSubnets(c, {network_id, fields: SUBNET_FIELDS})),
    byIds(unique([...ports.map((p) => p.network_id), ...fipNetworks]).filter((id) => !haveNetwork.has(id)), (id) => listNetworks(c, {id, fields: NETWORK_FIELDS})),
  ])
  const dedupe = <T extends {id: string}>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()]
  return {ports, subnets: dedupe([...ownSubnets, ...otherSubnets, ...fipSubnets]), networks: dedupe([...ownNetworks, ...asked, ...otherNetworks]), floatingIps}
}

/** The networks whose name or ID is `nameOrId` (two filtered calls; a bad ID is no match). */
async function networksNamed(c: ServiceClient, nameOrId: string, list: (c: ServiceClient, q: Record<string, string | string[]>) => Promise<Network[]>): Promise<Network[]> {
  const [byName, byId] = await Promise.all([
    list(c, {name: nameOrId, fields: NETWORK_FIELDS}),
    list(c, {id: nameOrId, fields: NETWORK_FIELDS}).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 400) return []
      throw error
    }),
  ])
  return [...byName, ...byId]
}

/** One region's addresses, from its snapshot (pure). */
export function regionEntries(region: string, s: RegionSnapshot): IpEntry[] {
  const networks = new Map(s.networks.map((n) => [n.id, n]))
  const subnets = new Map(s.subnets.map((x) => [x.id, x]))
  const ports = new Map(s.ports.map((p) => [p.id, p]))
  const out: IpEntry[] = []
  for (const p of s.ports) {
    for (const f of p.fixed_ips ?? []) {
      const ip = f.ip_address ? parseIp(f.ip_address) : undefined
      if (!ip) continue
      const sub = f.subnet_id ? subnets.get(f.subnet_id) : undefined
      out.push({
        region,
        address: f.ip_address!,
        version: ip.version,
        kind: 'fixed',
        networkId: p.network_id,
        networkName: networks.get(p.network_id)?.name ?? null,
        subnetId: f.subnet_id ?? null,
        subnetName: sub?.name ?? null,
        cidr: sub?.cidr ?? null,
        portId: p.id,
        portName: p.name ?? null,
        macAddress: p.mac_address ?? null,
        deviceOwner: p.device_owner ?? null,
        deviceId: p.device_id ?? null,
      })
    }
  }
  for (const fip of s.floatingIps) {
    const ip = parseIp(fip.floating_ip_address)
    if (!ip) continue
    // The floating IP's subnet: the one of its network whose range holds it (no extra call).
    const sub = s.subnets.find((x) => x.network_id === fip.floating_network_id && contains(x.cidr, fip.floating_ip_address))
    const port = fip.port_id ? ports.get(fip.port_id) : undefined
    out.push({
      region,
      address: fip.floating_ip_address,
      version: ip.version,
      kind: 'floating',
      networkId: fip.floating_network_id,
      networkName: networks.get(fip.floating_network_id)?.name ?? null,
      subnetId: sub?.id ?? null,
      subnetName: sub?.name ?? null,
      cidr: sub?.cidr ?? null,
      portId: fip.port_id ?? null,
      portName: port?.name ?? null,
      macAddress: port?.mac_address ?? null,
      deviceOwner: port?.device_owner ?? null,
      deviceId: port?.device_id ?? null,
    })
  }
  return out
}

function contains(cidr: string, address: string): boolean {
  const c = parseCidr(cidr)
  const ip = parseIp(address)
  return Boolean(c && ip && cidrContains(c, ip))
}

export interface IpListResult {
  entries: IpEntry[]
  failures: Array<{region: string; error: Error}>
}

/**
 * Every address in `regions`, in parallel: a few list calls per region, none per port. `network` (name or ID) keeps the addresses on the networks of
 * that name or ID in each region; when no region has one, it is an error.
 */
export async function listIps(session: Session, opts: {regions: string[]; projectId: string; network?: string}): Promise<IpListResult> {
  await session.tokenData()
  const results = await fanout(opts.regions, async (region) => regionSnapshotOf(session, region, opts.projectId, opts.network))
  const entries: IpEntry[] = []
  const failures: IpListResult['failures'] = []
  let networkSeen = false
  for (const r of results) {
    if (!r.ok) {
      failures.push({region: r.region, error: r.error})
      continue
    }
    let mine = regionEntries(r.region, r.value)
    if (opts.network !== undefined) {
      const ids = new Set(r.value.networks.filter((n) => n.id === opts.network || n.name === opts.network).map((n) => n.id))
      if (ids.size) networkSeen = true
      mine = mine.filter((e) => ids.has(e.networkId))
    }
    entries.push(...mine)
  }
  if (opts.network !== undefined && !networkSeen && failures.length < results.length) {
    throw new NotFoundError(`No Network found for ${opts.network} in ${opts.regions.join(', ')}`, 'Network', opts.network)
  }
  return {entries: sortEntries(entries, opts.regions), failures}
}

async function regionSnapshotOf(session: Session, region: string, projectId: string, network?: string): Promise<RegionSnapshot> {
  // '' is the session's own region (a cloud with one region and no name for it).
  return snapshot(await session.client('network', region || undefined), projectId, network)
}

function ipValue(e: IpEntry): bigint {
  return parseIp(e.address)!.value
}

/** Region order, then IPv4 before IPv6, then by address. */
function sortEntries(entries: IpEntry[], regions: string[]): IpEntry[] {
  const order = (r: string) => regions.indexOf(r)
  return [...entries].sort((a, b) => order(a.region) - order(b.region) || a.version - b.version || cmp(ipValue(a), ipValue(b)) || a.kind.localeCompare(b.kind))
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)

function overlaps(a: Cidr | undefined, b: Cidr | undefined): boolean {
  // An unknown range holds the address, as the other one does: they overlap at least there.
  if (!a || !b) return true
  return a.version === b.version && a.network <= b.last && b.network <= a.last
}

/**
 * The duplicate-address risk: an address used in more than one region, on networks whose ranges
 * overlap. The same network ID in two regions is one network (Tricircle mirrors a central network
 * and its ports into the local regions with the same IDs): that is not a conflict.
 */
export function findConflicts(entries: IpEntry[]): IpEntry[][] {
  const byAddress = new Map<string, IpEntry[]>()
  for (const e of entries) {
    const key = `${e.version}:${ipValue(e)}`
    if (!byAddress.has(key)) byAddress.set(key, [])
    byAddress.get(key)!.push(e)
  }
  const conflicts: IpEntry[][] = []
  for (const group of byAddress.values()) {
    const clash = (a: IpEntry, b: IpEntry) =>
      a.region !== b.region && a.networkId !== b.networkId && overlaps(a.cidr ? parseCidr(a.cidr) : undefined, b.cidr ? parseCidr(b.cidr) : undefined)
    const involved = group.filter((a) => group.some((b) => clash(a, b)))
    if (involved.length) conflicts.push(involved)
  }
  return conflicts.sort((a, b) => a[0].version - b[0].version || cmp(ipValue(a[0]), ipValue(b[0])))
}
