/**
 * What the emulators need from Neutron, behind a small interface: a real implementation over HTTP
 * (`neutron-http.ts`) and an in-memory one for unit tests (`neutron-memory.ts`).
 *
 * Field names are Neutron's wire names (`router:external`, `tenant_id`, …) so both implementations
 * return the same shapes as `GET /v2.0/...` does.
 */

export interface NeutronNetwork {
  id: string
  name: string
  project_id: string
  tenant_id: string
  shared: boolean
  'router:external': boolean
  status: string
  subnets: string[]
  created_at: string
}

export interface NeutronSubnet {
  id: string
  name: string
  network_id: string
  project_id: string
  cidr: string
  ip_version: 4 | 6
  gateway_ip: string | null
}

export interface NeutronFixedIp {
  subnet_id: string
  ip_address: string
}

export interface NeutronPort {
  id: string
  name: string
  network_id: string
  project_id: string
  tenant_id: string
  device_id: string
  device_owner: string
  status: string
  fixed_ips: NeutronFixedIp[]
  security_groups: string[]
  mac_address: string
  'binding:vif_type'?: string
}

export interface NeutronSecurityGroup {
  id: string
  name: string
  project_id: string
  tenant_id: string
  description: string
}

export interface ListNetworksQuery {
  id?: string
  name?: string
  /** Matches `project_id` (sent as `tenant_id`, as Zun's neutronclient call does). */
  project_id?: string
  shared?: boolean
}

export interface ListPortsQuery {
  id?: string
  name?: string
  device_id?: string
  network_id?: string
}

export interface CreatePortOpts {
  network_id: string
  /** The owning project; the emulator's service token may create ports for any project. */
  project_id: string
  device_owner: string
  device_id: string
  name: string
  fixed_ips?: Array<{ip_address: string; subnet_id?: string}>
  /** IDs; when absent Neutron puts the project's `default` group on the port. */
  security_groups?: string[]
}

export interface UpdatePortOpts {
  device_id?: string
  device_owner?: string
  name?: string
  security_groups?: string[]
}

export interface SecurityGroupRuleOpts {
  protocol: 'tcp' | 'udp'
  port: number
}

export interface NeutronBackend {
  getNetwork(id: string): Promise<NeutronNetwork | undefined>
  listNetworks(query: ListNetworksQuery): Promise<NeutronNetwork[]>
  getSubnet(id: string): Promise<NeutronSubnet | undefined>
  getPort(id: string): Promise<NeutronPort | undefined>
  listPorts(query: ListPortsQuery): Promise<NeutronPort[]>
  createPort(opts: CreatePortOpts): Promise<NeutronPort>
  updatePort(id: string, opts: UpdatePortOpts): Promise<NeutronPort>
  /** Resolves quietly when the port is already gone. */
  deletePort(id: string): Promise<void>
  listSecurityGroups(query: {id?: string; name?: string; project_id?: string}): Promise<NeutronSecurityGroup[]>
  /** Creates a group with one ingress rule per entry of `rules` (IPv4, any remote). */
  createSecurityGroup(opts: {
    name: string
    project_id: string
    description?: string
    rules: SecurityGroupRuleOpts[]
  }): Promise<NeutronSecurityGroup>
  /** Resolves quietly when the group is already gone. */
  deleteSecurityGroup(id: string): Promise<void>
}

/** An error answered by Neutron (or raised by the in-memory double in the same shape). */
export class NeutronError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message)
    this.name = 'NeutronError'
  }
}
