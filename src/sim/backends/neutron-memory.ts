import {randomBytes, randomUUID} from 'node:crypto'

import {
  type CreatePortOpts,
  type ListNetworksQuery,
  type ListPortsQuery,
  type NeutronBackend,
  NeutronError,
  type NeutronNetwork,
  type NeutronPort,
  type NeutronSecurityGroup,
  type NeutronSubnet,
  type SecurityGroupRuleOpts,
  type UpdatePortOpts,
} from './neutron.js'

export interface AddNetworkOpts {
  id?: string
  name: string
  project_id: string
  shared?: boolean
  external?: boolean
  /** IPv4 subnet, e.g. `10.0.60.0/24` (gateway `.1`, addresses from `.2`). Omit for no v4 subnet. */
  cidr?: string
  /** IPv6 subnet, e.g. `fd00:60::/64`. */
  ipv6Cidr?: string
  /** Neutron's `created_at` (`2024-01-01T00:00:00Z`); defaults to an increasing clock. */
  created_at?: string
}

export interface SecurityGroupRecord extends NeutronSecurityGroup {
  rules: SecurityGroupRuleOpts[]
}

/**
 * An in-memory Neutron for unit tests: networks with v4/v6 subnets, ports with sequential fixed
 * IPs, and security groups (each project gets a `default` group the first time it needs one).
 * Errors mirror Neutron's (`NeutronError` with its status and type).
 */
export class InMemoryNeutronBackend implements NeutronBackend {
  readonly networks = new Map<string, NeutronNetwork>()
  readonly subnets = new Map<string, NeutronSubnet>()
  readonly ports = new Map<string, NeutronPort>()
  readonly securityGroups = new Map<string, SecurityGroupRecord>()
  /** Every call, as `method name`, for tests that assert on the traffic. */
  readonly calls: string[] = []
  private clock = Date.parse('2024-01-01T00:00:00Z')

  addNetwork(o: AddNetworkOpts): NeutronNetwork {
    const id = o.id ?? randomUUID()
    const created = o.created_at ?? new Date((this.clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const net: NeutronNetwork = {
      id,
      name: o.name,
      project_id: o.project_id,
      tenant_id: o.project_id,
      shared: o.shared ?? false,
      'router:external': o.external ?? false,
      status: 'ACTIVE',
      subnets: [],
      created_at: created,
    }
    this.networks.set(id, net)
    if (o.cidr) this.addSubnet(net, o.cidr, 4)
    if (o.ipv6Cidr) this.addSubnet(net, o.ipv6Cidr, 6)
    return net
  }

  /** A port that exists before any container uses it (for `nets: [{port}]`). */
  addPort(o: {network_id: string; project_id: string; name?: string; device_id?: string; status?: string}): NeutronPort {
    const net = this.requireNetwork(o.network_id)
    const port = this.buildPort({
      network_id: net.id,
      project_id: o.project_id,
      device_owner: o.device_id ? 'compute:nova' : '',
      device_id: o.device_id ?? '',
      name: o.name ?? '',
    })
    if (o.status) port.status = o.status
    return port
  }

  addSecurityGroup(o: {name: string; project_id: string; id?: string}): SecurityGroupRecord {
    const sg: SecurityGroupRecord = {
      id: o.id ?? randomUUID(),
      name: o.name,
      project_id: o.project_id,
      tenant_id: o.project_id,
      description: '',
      rules: [],
    }
    this.securityGroups.set(sg.id, sg)
    return sg
  }

  /** The project's `default` group, created on first use as Neutron does. */
  defaultSecurityGroup(projectId: string): SecurityGroupRecord {
    for (const sg of this.securityGroups.values()) if (sg.project_id === projectId && sg.name === 'default') return sg
    return this.addSecurityGroup({name: 'default', project_id: projectId})
  }

  async getNetwork(id: string): Promise<NeutronNetwork | undefined> {
    this.calls.push(`getNetwork ${id}`)
    const n = this.networks.get(id)
    return n && structuredClone(n)
  }

  async listNetworks(q: ListNetworksQuery): Promise<NeutronNetwork[]> {
    this.calls.push(`listNetworks ${JSON.stringify(q)}`)
    return [...this.networks.values()]
      .filter(
        (n) =>
          (q.id === undefined || n.id === q.id) &&
          (q.name === undefined || n.name === q.name) &&
          (q.project_id === undefined || n.project_id === q.project_id) &&
          (q.shared === undefined || n.shared === q.shared),
      )
      .map((n) => structuredClone(n))
  }

  async getSubnet(id: string): Promise<NeutronSubnet | undefined> {
    const s = this.subnets.get(id)
    return s && structuredClone(s)
  }

  async getPort(id: string): Promise<NeutronPort | undefined> {
    this.calls.push(`getPort ${id}`)
    const p = this.ports.get(id)
    return p && structuredClone(p)
  }

  async listPorts(q: ListPortsQuery): Promise<NeutronPort[]> {
    this.calls.push(`listPorts ${JSON.stringify(q)}`)
    return [...this.ports.values()]
      .filter(
        (p) =>
          (q.id === undefined || p.id === q.id) &&
          (q.name === undefined || p.name === q.name) &&
          (q.device_id === undefined || p.device_id === q.device_id) &&
          (q.network_id === undefined || p.network_id === q.network_id),
      )
      .map((p) => structuredClone(p))
  }

  async createPort(o: CreatePortOpts): Promise<NeutronPort> {
    this.calls.push(`createPort ${o.network_id} ${o.device_owner} ${o.device_id}`)
    this.requireNetwork(o.network_id)
    for (const sg of o.security_groups ?? []) {
      if (!this.securityGroups.has(sg)) throw new NeutronError(404, 'SecurityGroupNotFound', `Security group ${sg} does not exist`)
    }
    return structuredClone(this.buildPort(o))
  }

  async updatePort(id: string, o: UpdatePortOpts): Promise<NeutronPort> {
    this.calls.push(`updatePort ${id} ${JSON.stringify(o)}`)
    const p = this.ports.get(id)
    if (!p) throw new NeutronError(404, 'PortNotFound', `Port ${id} could not be found.`)
    if (o.device_id !== undefined) p.device_id = o.device_id
    if (o.device_owner !== undefined) p.device_owner = o.device_owner
    if (o.name !== undefined) p.name = o.name
    if (o.security_groups !== undefined) p.security_groups = [...o.security_groups]
    return structuredClone(p)
  }

  async deletePort(id: string): Promise<void> {
    this.calls.push(`deletePort ${id}`)
    this.ports.delete(id)
  }

  async listSecurityGroups(q: {id?: string; name?: string; project_id?: string}): Promise<NeutronSecurityGroup[]> {
    if (q.project_id !== undefined) this.defaultSecurityGroup(q.project_id)
    return [...this.securityGroups.values()]
      .filter(
        (s) =>
          (q.id === undefined || s.id === q.id) &&
          (q.name === undefined || s.name === q.name) &&
          (q.project_id === undefined || s.project_id === q.project_id),
      )
      .map(({rules: _rules, ...sg}) => ({...sg}))
  }

  async createSecurityGroup(o: {
    name: string
    project_id: string
    description?: string
    rules: SecurityGroupRuleOpts[]
  }): Promise<NeutronSecurityGroup> {
    this.calls.push(`createSecurityGroup ${o.name}`)
    const sg = this.addSecurityGroup({name: o.name, project_id: o.project_id})
    sg.description = o.description ?? ''
    sg.rules = o.rules.map((r) => ({...r}))
    const {rules: _rules, ...out} = sg
    return {...out}
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    this.calls.push(`deleteSecurityGroup ${id}`)
    for (const p of this.ports.values()) {
      if (p.security_groups.includes(id)) {
        throw new NeutronError(409, 'SecurityGroupInUse', `Security Group ${id} in use.`)
      }
    }
    this.securityGroups.delete(id)
  }

  private addSubnet(net: NeutronNetwork, cidr: string, version: 4 | 6): NeutronSubnet {
    const subnet: NeutronSubnet = {
      id: randomUUID(),
      name: `${net.name}-subnet${version === 6 ? '-v6' : ''}`,
      network_id: net.id,
      project_id: net.project_id,
      cidr,
      ip_version: version,
      gateway_ip: firstHost(cidr, version, 1) ?? null,
    }
    this.subnets.set(subnet.id, subnet)
    net.subnets.push(subnet.id)
    return subnet
  }

  private requireNetwork(id: string): NeutronNetwork {
    const net = this.networks.get(id)
    if (!net) throw new NeutronError(404, 'NetworkNotFound', `Network ${id} could not be found.`)
    return net
  }

  private buildPort(o: CreatePortOpts): NeutronPort {
    const net = this.requireNetwork(o.network_id)
    const subnets = net.subnets.map((id) => this.subnets.get(id)).filter((s): s is NeutronSubnet => Boolean(s))
    const used = new Set([...this.ports.values()].flatMap((p) => p.fixed_ips.map((f) => f.ip_address)))
    const fixed: NeutronPort['fixed_ips'] = []
    if (o.fixed_ips?.length) {
      for (const want of o.fixed_ips) {
        const subnet = subnets.find((s) => (want.subnet_id ? s.id === want.subnet_id : inCidr(want.ip_address, s)))
        if (!subnet) {
          throw new NeutronError(
            400,
            'InvalidIpForNetwork',
            `IP address ${want.ip_address} is not a valid IP for any of the subnets on the specified network.`,
          )
        }
        if (used.has(want.ip_address)) {
          throw new NeutronError(
            409,
            'IpAddressAlreadyAllocated',
            `IP address ${want.ip_address} already allocated in subnet ${subnet.id}`,
          )
        }
        fixed.push({subnet_id: subnet.id, ip_address: want.ip_address})
      }
    } else {
      for (const s of subnets) {
        let n = 2
        let ip = firstHost(s.cidr, s.ip_version, n)
        while (ip && used.has(ip)) ip = firstHost(s.cidr, s.ip_version, ++n)
        if (!ip) throw new NeutronError(409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${net.id}.`)
        fixed.push({subnet_id: s.id, ip_address: ip})
      }
    }
    const port: NeutronPort = {
      id: randomUUID(),
      name: o.name,
      network_id: net.id,
      project_id: o.project_id,
      tenant_id: o.project_id,
      device_id: o.device_id,
      device_owner: o.device_owner,
      status: 'DOWN',
      fixed_ips: fixed,
      security_groups: o.security_groups ?? [this.defaultSecurityGroup(o.project_id).id],
      mac_address: `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`,
      'binding:vif_type': 'unbound',
    }
    this.ports.set(port.id, port)
    return port
  }
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

/** The n-th address of a subnet (n=1 is the gateway), or undefined past its end. */
function firstHost(cidr: string, version: 4 | 6, n: number): string | undefined {
  const [base, bitsText] = cidr.split('/')
  const bits = Number(bitsText)
  if (version === 4) {
    const size = 2 ** (32 - bits)
    if (n >= size - 1) return undefined
    const network = ipv4ToInt(base) - (ipv4ToInt(base) % size)
    return intToIpv4(network + n)
  }
  const prefix = base.replace(/::$/, '')
  return `${prefix}::${n.toString(16)}`
}

function inCidr(ip: string, s: NeutronSubnet): boolean {
  const [base, bitsText] = s.cidr.split('/')
  if (s.ip_version === 4) {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false
    const size = 2 ** (32 - Number(bitsText))
    return Math.floor(ipv4ToInt(ip) / size) === Math.floor(ipv4ToInt(base) / size)
  }
  return ip.includes(':') && ip.startsWith(base.replace(/::$/, ''))
}
