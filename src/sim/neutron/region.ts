import {createPort, deletePort, getPort, updatePort} from './ports.js'
import type {Caller, NeutronStore, Rec} from './store.js'

/**
 * One region's Neutron as the rest of the sim uses it (its HTTP API, Octavia's VIP ports, Zun's
 * Kuryr ports), with Tricircle's local plugin behaviour when the region has a central Neutron:
 * a central network or subnet named by ID appears here with the same ID, and a port made here on
 * such a network is made in the central Neutron first and mirrored (same ID, MAC and addresses).
 */
export class RegionNeutron {
  constructor(
    readonly store: NeutronStore,
    readonly central?: NeutronStore,
  ) {}

  get region(): string {
    return this.store.region
  }

  materializeNetwork(id: string): void {
    const s = this.store
    if (!this.central || this.central === s || s.data.networks.some((n) => n.id === id)) return
    const top = this.central.data.networks.find((n) => n.id === id)
    if (!top) return
    s.data.networks.push({...structuredClone(top), _central: true})
    this.copySubnets(id)
  }

  materializeSubnet(id: string): void {
    if (!this.central || this.store.data.subnets.some((x) => x.id === id)) return
    const top = this.central.data.subnets.find((x) => x.id === id)
    if (top) {
      this.materializeNetwork(top.network_id)
      this.copySubnets(top.network_id)
    }
  }

  /** Subnets made in the centre since the network was copied. */
  private copySubnets(networkId: string): void {
    if (!this.central) return
    for (const sub of this.central.data.subnets.filter((x) => x.network_id === networkId)) {
      if (!this.store.data.subnets.some((x) => x.id === sub.id)) this.store.data.subnets.push({...structuredClone(sub), _central: true})
    }
  }

  /**
   * Drops the local copies whose central network or subnet is gone (Tricircle's central plugin
   * deletes the bottom networks with the top one); a copy that still has local ports stays.
   */
  dropOrphans(): void {
    const central = this.central
    if (!central || central === this.store) return
    const d = this.store.data
    const subnetGone = (x: Rec) => x._central && !central.data.subnets.some((t) => t.id === x.id)
    if (d.subnets.some(subnetGone)) d.subnets = d.subnets.filter((x) => !subnetGone(x))
    const networkGone = (n: Rec) => n._central && !central.data.networks.some((t) => t.id === n.id) && !d.ports.some((p) => p.network_id === n.id)
    if (d.networks.some(networkGone)) d.networks = d.networks.filter((n) => !networkGone(n))
  }

  /** Brings every central ID a request body names into this region. */
  materializeFrom(collection: string, id: string | undefined, body: Rec | undefined): void {
    if (!this.central) return
    if (collection === 'networks' && id) this.materializeNetwork(id)
    if (collection === 'subnets' && id) this.materializeSubnet(id)
    if (body?.network_id) this.materializeNetwork(String(body.network_id))
    if (body?.subnet_id) this.materializeSubnet(String(body.subnet_id))
    if (body?.vip_subnet_id) this.materializeSubnet(String(body.vip_subnet_id))
    for (const f of (body?.fixed_ips as Rec[] | undefined) ?? []) if (f?.subnet_id) this.materializeSubnet(String(f.subnet_id))
    if (body?.external_gateway_info?.network_id) this.materializeNetwork(String(body.external_gateway_info.network_id))
  }

  createPort(ctx: Caller, body: Rec): Rec {
    const s = this.store
    this.materializeFrom('ports', undefined, body)
    const net = s.data.networks.find((n) => n.id === body.network_id)
    if (!this.central || !net?._central) return createPort(s, ctx, body)
    // Security groups are this region's; the central port keeps only those the centre knows.
    const topBody = structuredClone(body)
    if (Array.isArray(topBody.security_groups)) {
      const known = topBody.security_groups.filter((g: string) => this.central!.data.security_groups.some((x) => x.id === g))
      if (known.length) topBody.security_groups = known
      else delete topBody.security_groups
    }
    const top = createPort(this.central, ctx, topBody)
    try {
      this.copySubnets(net.id)
      const {fixed_ips: _f, mac_address: _m, ...rest} = body
      const local = createPort(s, ctx, rest, {mirrorOf: top})
      local._central = true
      return local
    } catch (error) {
      this.central.data.ports = this.central.data.ports.filter((p) => p.id !== top.id)
      throw error
    }
  }

  /** Updates a port; a mirrored one changes in the central Neutron too (name, device, groups). */
  updatePort(ctx: Caller, id: string, body: Rec): Rec {
    const p = updatePort(this.store, ctx, id, structuredClone(body))
    if (this.central && p._central) {
      const top = this.central.data.ports.find((x) => x.id === id)
      if (top) {
        const {fixed_ips: _f, security_groups: _g, ...rest} = body
        Object.assign(top, rest)
        this.central.touch(top)
      }
    }
    return p
  }

  deletePort(ctx: Caller, id: string): void {
    const p = getPort(this.store, ctx, id)
    deletePort(this.store, ctx, id)
    if (this.central && p._central) this.central.data.ports = this.central.data.ports.filter((x) => x.id !== id)
  }
}
