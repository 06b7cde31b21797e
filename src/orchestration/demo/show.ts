import type {ObservedResource} from '../topology/model.js'
import type {Prepared} from '../topology/session.js'

/**
 * What a person wants to see of the demo's deployment, read back from the clouds: the pods, the
 * central network (and that each region's Neutron has it under the same ID, as Tricircle makes
 * it), each region's containers with their addresses, the load balancer with its members from
 * both regions, and a reachability check between the two containers through Zun's exec.
 */

export interface DemoShow {
  pods: Array<{region: string; availability_zone: string; id: string}>
  network: {name: string; id: string; region: string; subnets: Array<{name: string; cidr: string; id: string}>; regions: Array<{region: string; same_id: boolean}>}
  containers: Array<{name: string; region: string; status: string; addresses: string[]; id: string}>
  load_balancer?: {
    name: string
    region: string
    vip_address: string
    provisioning_status: string
    operating_status: string
    members: Array<{name: string; address: string; port: number; container_region: string; provisioning_status: string; operating_status: string}>
  }
  reachability?: {from: string; to: string; address: string; ok: boolean; how: string; output: string}
}

const addressesOf = (c: ObservedResource): string[] => Object.values((c.attrs.addresses ?? {}) as Record<string, Array<{addr: string}>>).flat().map((a) => a.addr)

export async function showDeployment(p: Prepared): Promise<DemoShow> {
  const all = p.observed.resources.filter((r) => r.kind === 'pod' || r.mark === p.plan.topology)
  const of = (kind: ObservedResource['kind']) => all.filter((r) => r.kind === kind)
  const pods = of('pod')
    .filter((r) => p.desired.some((d) => d.kind === 'pod' && d.region === r.region))
    .map((r) => ({region: r.region, availability_zone: String(r.attrs.az ?? ''), id: r.id}))
  const byName = (a: {name: string}, b: {name: string}) => a.name.localeCompare(b.name)
  const containers = of('container').sort(byName).map((c) => ({name: c.name, region: c.region, status: String(c.attrs.status ?? ''), addresses: addressesOf(c), id: c.id}))
  const net = of('network')[0]
  const subnets = of('subnet').filter((s) => s.attrs.network_id === net?.id)
  const network: DemoShow['network'] = {
    name: net?.name ?? '',
    id: net?.id ?? '',
    region: net?.region ?? '',
    subnets: subnets.map((s) => ({name: s.name, cidr: String(s.attrs.cidr ?? ''), id: s.id})),
    regions: net ? await sameNetworkIn(p, net.id, [...new Set(containers.map((c) => c.region))]) : [],
  }
  const lb = of('loadbalancer')[0]
  const regionOfAddress = (addr: string) => containers.find((c) => c.addresses.includes(addr))?.region ?? ''
  const load_balancer = lb && {
    name: lb.name,
    region: lb.region,
    vip_address: String(lb.attrs.vip_address ?? ''),
    provisioning_status: String(lb.attrs.provisioning_status ?? ''),
    operating_status: String(lb.attrs.operating_status ?? ''),
    members: of('member').sort(byName).map((m) => ({
      name: m.name.split('/').pop() ?? m.name,
      address: String(m.attrs.address ?? ''),
      port: Number(m.attrs.protocol_port ?? 0),
      container_region: regionOfAddress(String(m.attrs.address ?? '')),
      provisioning_status: String(m.attrs.provisioning_status ?? ''),
      operating_status: String(m.attrs.operating_status ?? ''),
    })),
  }
  const reachability = containers.length >= 2 ? await reach(p, containers[0], containers[1], subnets.map((s) => String(s.attrs.cidr ?? ''))) : undefined
  return {pods, network, containers, ...(load_balancer ? {load_balancer} : {}), ...(reachability ? {reachability} : {})}
}

/** Each region's Neutron shows the central network under the same ID (Tricircle's local copy). */
async function sameNetworkIn(p: Prepared, id: string, regions: string[]): Promise<DemoShow['network']['regions']> {
  const {getNetwork} = await import('../../clients/neutron/networks.js')
  return Promise.all(
    regions.map(async (region) => {
      const n = await getNetwork(await p.clients.network(region), id).catch(() => undefined)
      return {region, same_id: n?.id === id}
    }),
  )
}

type Shown = DemoShow['containers'][number]

/**
 * `ping -c 1` from the first container to the second's address, through Zun's exec. The Zun
 * emulator runs no network stack (it has no ping): there, each container's `ip -4 addr` is read
 * through exec instead, and the two count as reachable when both addresses are on the same subnet
 * of the same network (Tricircle's cross-region L2 network).
 */
async function reach(p: Prepared, from: Shown, to: Shown, cidrs: string[]): Promise<DemoShow['reachability']> {
  const {executeCommand} = await import('../../clients/zun/actions.js')
  const address = to.addresses[0] ?? ''
  const exec = async (c: Shown, argv: string[]) => executeCommand(await p.clients.container(c.region), c.id, argv)
  const ping = await exec(from, ['ping', '-c', '1', '-W', '2', address])
  const out = (ping.output ?? '').trim()
  if (ping.exit_code !== 127) {
    return {from: from.name, to: to.name, address, ok: ping.exit_code === 0, how: `ping -c 1 ${address} in ${from.name}`, output: out.split('\n').slice(-2).join('\n')}
  }
  const [a, b] = await Promise.all([exec(from, ['ip', '-4', 'addr']), exec(to, ['ip', '-4', 'addr'])])
  const inet = (text: string | null) => [...(text ?? '').matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)].map((m) => `${m[1]}/${m[2]}`)
  const fromIps = inet(a.output)
  const toIps = inet(b.output)
  const sameSubnet = cidrs.some((cidr) => fromIps.some((x) => inCidr(x, cidr)) && toIps.some((x) => x.startsWith(`${address}/`) && inCidr(x, cidr)))
  return {
    from: from.name,
    to: to.name,
    address,
    ok: sameSubnet,
    how: `the emulator has no ping: ip -4 addr in both containers (exec), on one subnet of the central network`,
    output: `${from.name}: ${fromIps.join(', ') || '(no address)'}; ${to.name}: ${toIps.join(', ') || '(no address)'}`,
  }
}

function inCidr(addrWithLen: string, cidr: string): boolean {
  const [addr] = addrWithLen.split('/')
  const [net, len] = cidr.split('/')
  const toInt = (ip: string) => ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0
  const bits = Number(len)
  if (!net || !(bits >= 0 && bits <= 32) || !addr.includes('.')) return false
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return (toInt(addr) & mask) === (toInt(net) & mask)
}

/** The show as lines for a person. */
export function showLines(s: DemoShow): string[] {
  const out: string[] = []
  out.push(`pods: ${s.pods.map((p) => `${p.region} (${p.availability_zone ? `az ${p.availability_zone}` : 'central'})`).join(', ')}`)
  const copies = s.network.regions.map((r) => `${r.region} ${r.same_id ? 'has it, same ID' : 'does not show it'}`).join('; ')
  out.push(`central network: ${s.network.name} ${s.network.id} in ${s.network.region}, subnet ${s.network.subnets.map((x) => `${x.name} ${x.cidr}`).join(', ')}${copies ? `; ${copies}` : ''}`)
  out.push('containers:')
  for (const c of s.containers) out.push(`  ${c.region.padEnd(12)} ${c.name.padEnd(14)} ${c.status.padEnd(8)} ${c.addresses.join(', ')}`)
  if (s.load_balancer) {
    const lb = s.load_balancer
    out.push(`load balancer: ${lb.name} in ${lb.region}, VIP ${lb.vip_address}, ${lb.provisioning_status}/${lb.operating_status}`)
    for (const m of lb.members) out.push(`  member ${`${m.address}:${m.port}`.padEnd(18)} container in ${m.container_region.padEnd(12)} ${m.provisioning_status}/${m.operating_status}`)
  }
  if (s.reachability) {
    const r = s.reachability
    out.push(`reachability: ${r.from} → ${r.to} (${r.address}): ${r.ok ? 'reachable' : 'NOT reachable'} (${r.how})`)
    if (r.output) for (const l of r.output.split('\n')) out.push(`  ${l}`)
  }
  return out
}
