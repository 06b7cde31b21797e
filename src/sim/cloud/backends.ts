import type {CreateImageOpts, GlanceBackend, GlanceImage} from '../backends/glance.js'
import type {
  CreatePortOpts,
  ListNetworksQuery,
  ListPortsQuery,
  NeutronBackend,
  NeutronNetwork,
  NeutronPort,
  NeutronSecurityGroup,
  NeutronSubnet,
  SecurityGroupRuleOpts,
  UpdatePortOpts,
} from '../backends/neutron.js'
import type {GlanceStore, ImageRecord} from '../glance/store.js'
import type {RegionNeutron} from '../neutron/region.js'
import type {Rec} from '../neutron/store.js'

import {GlanceError, isUuidLike} from '../backends/glance.js'
import {NeutronError} from '../backends/neutron.js'
import {SimHttpError} from './http.js'
import {getNetwork} from '../neutron/networks.js'
import {ADMIN} from '../neutron/store.js'
import {createGroup, createRule, deleteGroup} from '../neutron/security-groups.js'

/**
 * The Zun and Tricircle emulators' backends (src/sim/backends interfaces) over the simulated
 * Neutron and Glance, called in-process with an admin context (the emulators' service token).
 */

function neutronError(error: unknown): never {
  if (error instanceof SimHttpError) throw new NeutronError(error.status, error.type, error.message)
  throw error
}

function netOf(n: Rec): NeutronNetwork {
  return {
    id: n.id,
    name: n.name,
    project_id: n.project_id,
    tenant_id: n.project_id,
    shared: n.shared,
    'router:external': n['router:external'],
    status: n.status,
    subnets: [],
    created_at: n.created_at,
  }
}

function portOf(p: Rec): NeutronPort {
  return {
    id: p.id,
    name: p.name,
    network_id: p.network_id,
    project_id: p.project_id,
    tenant_id: p.project_id,
    device_id: p.device_id,
    device_owner: p.device_owner,
    status: p.status,
    fixed_ips: structuredClone(p.fixed_ips),
    security_groups: [...p.security_groups],
    mac_address: p.mac_address,
    'binding:vif_type': p['binding:vif_type'],
  }
}

export class SimNeutronBackend implements NeutronBackend {
  constructor(private readonly neutron: RegionNeutron) {}

  private get s() {
    return this.neutron.store
  }

  async getNetwork(id: string): Promise<NeutronNetwork | undefined> {
    this.neutron.materializeNetwork(id)
    const n = this.s.data.networks.find((x) => x.id === id)
    if (!n) return undefined
    return {...netOf(n), subnets: this.s.data.subnets.filter((x) => x.network_id === id).map((x) => x.id)}
  }

  async listNetworks(q: ListNetworksQuery): Promise<NeutronNetwork[]> {
    if (q.id) this.neutron.materializeNetwork(q.id)
    if (q.name && this.neutron.central) {
      for (const n of this.neutron.central.data.networks.filter((x) => x.name === q.name)) this.neutron.materializeNetwork(n.id)
    }
    return this.s.data.networks
      .filter((n) => (q.id === undefined || n.id === q.id) && (q.name === undefined || n.name === q.name))
      .filter((n) => q.project_id === undefined || n.project_id === q.project_id)
      .filter((n) => q.shared === undefined || n.shared === q.shared)
      .map((n) => ({...netOf(n), subnets: this.s.data.subnets.filter((x) => x.network_id === n.id).map((x) => x.id)}))
  }

  async getSubnet(id: string): Promise<NeutronSubnet | undefined> {
    this.neutron.materializeSubnet(id)
    const s = this.s.data.subnets.find((x) => x.id === id)
    if (!s) return undefined
    return {id: s.id, name: s.name, network_id: s.network_id, project_id: s.project_id, cidr: s.cidr, ip_version: s.ip_version, gateway_ip: s.gateway_ip}
  }

  async getPort(id: string): Promise<NeutronPort | undefined> {
    const p = this.s.data.ports.find((x) => x.id === id)
    return p ? portOf(p) : undefined
  }

  async listPorts(q: ListPortsQuery): Promise<NeutronPort[]> {
    return this.s.data.ports
      .filter((p) => (q.id === undefined || p.id === q.id) && (q.name === undefined || p.name === q.name))
      .filter((p) => (q.device_id === undefined || p.device_id === q.device_id) && (q.network_id === undefined || p.network_id === q.network_id))
      .map(portOf)
  }

  async createPort(o: CreatePortOpts): Promise<NeutronPort> {
    try {
      getNetwork(this.s, ADMIN, o.network_id)
    } catch {
      this.neutron.materializeNetwork(o.network_id)
    }
    try {
      const body: Rec = {
        network_id: o.network_id,
        tenant_id: o.project_id,
        device_owner: o.device_owner,
        device_id: o.device_id,
        name: o.name,
      }
      if (o.fixed_ips) body.fixed_ips = o.fixed_ips
      if (o.security_groups) body.security_groups = o.security_groups
      return portOf(this.neutron.createPort(ADMIN, body))
    } catch (error) {
      neutronError(error)
    }
  }

  async updatePort(id: string, o: UpdatePortOpts): Promise<NeutronPort> {
    try {
      return portOf(this.neutron.updatePort(ADMIN, id, {...o}))
    } catch (error) {
      neutronError(error)
    }
  }

  async deletePort(id: string): Promise<void> {
    if (!this.s.data.ports.some((p) => p.id === id)) return
    try {
      this.neutron.deletePort(ADMIN, id)
    } catch (error) {
      neutronError(error)
    }
  }

  async listSecurityGroups(q: {id?: string; name?: string; project_id?: string}): Promise<NeutronSecurityGroup[]> {
    if (q.project_id) this.s.defaultSecurityGroup(q.project_id)
    return this.s.data.security_groups
      .filter((g) => (q.id === undefined || g.id === q.id) && (q.name === undefined || g.name === q.name) && (q.project_id === undefined || g.project_id === q.project_id))
      .map((g) => ({id: g.id, name: g.name, project_id: g.project_id, tenant_id: g.project_id, description: g.description}))
  }

  async createSecurityGroup(o: {name: string; project_id: string; description?: string; rules: SecurityGroupRuleOpts[]}): Promise<NeutronSecurityGroup> {
    try {
      const g = createGroup(this.s, ADMIN, {name: o.name, tenant_id: o.project_id, description: o.description ?? ''})
      for (const r of o.rules) {
        createRule(this.s, ADMIN, {security_group_id: g.id, direction: 'ingress', ethertype: 'IPv4', protocol: r.protocol, port_range_min: r.port, port_range_max: r.port})
      }
      return {id: g.id, name: g.name, project_id: g.project_id, tenant_id: g.project_id, description: g.description}
    } catch (error) {
      neutronError(error)
    }
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    if (!this.s.data.security_groups.some((g) => g.id === id)) return
    try {
      deleteGroup(this.s, ADMIN, id)
    } catch (error) {
      neutronError(error)
    }
  }
}

function imageOf(i: ImageRecord): GlanceImage {
  return {
    id: i.id,
    name: i.name ?? '',
    container_format: i.container_format,
    disk_format: i.disk_format,
    status: i.status,
    owner: i.owner,
    visibility: i.visibility,
    size: i.size,
    tags: [...i.tags],
    created_at: i.created_at,
  }
}

export class SimGlanceBackend implements GlanceBackend {
  constructor(private readonly store: GlanceStore) {}

  async findImages(idOrName: string): Promise<GlanceImage[]> {
    if (isUuidLike(idOrName)) {
      const i = this.store.get(idOrName)
      return i ? [imageOf(i)] : []
    }
    return this.store.data.images.filter((i) => i.name === idOrName).map(imageOf)
  }

  async searchImages(term: string, exactMatch: boolean): Promise<GlanceImage[]> {
    return this.store.data.images.filter((i) => (exactMatch ? i.name === term : (i.name ?? '').includes(term))).map(imageOf)
  }

  async createImage(o: CreateImageOpts): Promise<GlanceImage> {
    return imageOf(
      this.store.create({
        name: o.name,
        container_format: o.container_format,
        disk_format: o.disk_format,
        tags: o.tags ?? [],
        owner: o.owner ?? '',
        visibility: o.visibility ?? 'private',
      }),
    )
  }

  async uploadImage(id: string, data: Uint8Array): Promise<void> {
    const img = this.store.get(id)
    if (!img) throw new GlanceError(404, `No image found with ID ${id}`)
    this.store.setData(img, Buffer.from(data))
  }
}
