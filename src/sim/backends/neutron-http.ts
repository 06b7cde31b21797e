import {BackendHttp, type BackendHttpOptions, type BackendResponse, type TokenProvider, versionedBase} from './http.js'
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

/**
 * NeutronBackend over a real Neutron `/v2.0` API (for example the Tricircle central Neutron at
 * `http://127.0.0.1:9696`). The token is normally an admin service token, so callers filter for the
 * end user's project themselves.
 */
export class HttpNeutronBackend implements NeutronBackend {
  private readonly http: BackendHttp

  constructor(endpoint: string, token: TokenProvider, opts: BackendHttpOptions = {}) {
    this.http = new BackendHttp(versionedBase(endpoint, 'v2.0'), token, opts)
  }

  async getNetwork(id: string): Promise<NeutronNetwork | undefined> {
    const res = await this.http.request('GET', `/networks/${encodeURIComponent(id)}`)
    if (res.status === 404) return undefined
    return normalizeNetwork(expectOk(res, 'network').network as RawNetwork)
  }

  async listNetworks(q: ListNetworksQuery): Promise<NeutronNetwork[]> {
    const res = await this.http.request('GET', '/networks', {
      query: {
        id: q.id,
        name: q.name,
        tenant_id: q.project_id,
        shared: q.shared === undefined ? undefined : q.shared ? 'True' : 'False',
      },
    })
    return (expectOk(res, 'networks').networks as RawNetwork[]).map(normalizeNetwork)
  }

  async getSubnet(id: string): Promise<NeutronSubnet | undefined> {
    const res = await this.http.request('GET', `/subnets/${encodeURIComponent(id)}`)
    if (res.status === 404) return undefined
    const s = expectOk(res, 'subnet').subnet as NeutronSubnet & {tenant_id?: string}
    return {
      id: s.id,
      name: s.name,
      network_id: s.network_id,
      project_id: s.project_id ?? s.tenant_id ?? '',
      cidr: s.cidr,
      ip_version: s.ip_version,
      gateway_ip: s.gateway_ip ?? null,
    }
  }

  async getPort(id: string): Promise<NeutronPort | undefined> {
    const res = await this.http.request('GET', `/ports/${encodeURIComponent(id)}`)
    if (res.status === 404) return undefined
    return normalizePort(expectOk(res, 'port').port as RawPort)
  }

  async listPorts(q: ListPortsQuery): Promise<NeutronPort[]> {
    const res = await this.http.request('GET', '/ports', {
      query: {id: q.id, name: q.name, device_id: q.device_id, network_id: q.network_id},
    })
    return (expectOk(res, 'ports').ports as RawPort[]).map(normalizePort)
  }

  async createPort(o: CreatePortOpts): Promise<NeutronPort> {
    const port: Record<string, unknown> = {
      network_id: o.network_id,
      project_id: o.project_id,
      device_owner: o.device_owner,
      device_id: o.device_id,
      name: o.name,
      admin_state_up: true,
    }
    if (o.fixed_ips) port.fixed_ips = o.fixed_ips
    if (o.security_groups) port.security_groups = o.security_groups
    const res = await this.http.request('POST', '/ports', {json: {port}})
    return normalizePort(expectOk(res, 'port').port as RawPort)
  }

  async updatePort(id: string, o: UpdatePortOpts): Promise<NeutronPort> {
    const res = await this.http.request('PUT', `/ports/${encodeURIComponent(id)}`, {json: {port: o}})
    return normalizePort(expectOk(res, 'port').port as RawPort)
  }

  async deletePort(id: string): Promise<void> {
    const res = await this.http.request('DELETE', `/ports/${encodeURIComponent(id)}`)
    if (res.status !== 404) expectOk(res, 'port')
  }

  async listSecurityGroups(q: {id?: string; name?: string; project_id?: string}): Promise<NeutronSecurityGroup[]> {
    const res = await this.http.request('GET', '/security-groups', {
      query: {id: q.id, name: q.name, tenant_id: q.project_id},
    })
    return (expectOk(res, 'security groups').security_groups as RawSecurityGroup[]).map(normalizeSecurityGroup)
  }

  async createSecurityGroup(o: {
    name: string
    project_id: string
    description?: string
    rules: SecurityGroupRuleOpts[]
  }): Promise<NeutronSecurityGroup> {
    const res = await this.http.request('POST', '/security-groups', {
      json: {security_group: {name: o.name, project_id: o.project_id, description: o.description ?? ''}},
    })
    const sg = normalizeSecurityGroup(expectOk(res, 'security group').security_group as RawSecurityGroup)
    try {
      for (const r of o.rules) {
        const ruleRes = await this.http.request('POST', '/security-group-rules', {
          json: {
            security_group_rule: {
              security_group_id: sg.id,
              project_id: o.project_id,
              direction: 'ingress',
              ethertype: 'IPv4',
              protocol: r.protocol,
              port_range_min: r.port,
              port_range_max: r.port,
            },
          },
        })
        expectOk(ruleRes, 'security group rule')
      }
    } catch (err) {
      await this.deleteSecurityGroup(sg.id).catch(() => undefined)
      throw err
    }
    return sg
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    const res = await this.http.request('DELETE', `/security-groups/${encodeURIComponent(id)}`)
    if (res.status !== 404) expectOk(res, 'security group')
  }
}

type RawNetwork = Partial<NeutronNetwork> & {id: string}
type RawPort = Partial<NeutronPort> & {id: string; network_id: string}
type RawSecurityGroup = Partial<NeutronSecurityGroup> & {id: string}

function expectOk(res: BackendResponse, what: string): Record<string, unknown> {
  if (res.status >= 200 && res.status < 300) return (res.body ?? {}) as Record<string, unknown>
  const err = (res.body as {NeutronError?: {type?: string; message?: string}} | undefined)?.NeutronError
  throw new NeutronError(
    res.status,
    err?.type ?? 'HTTPError',
    err?.message ?? `Neutron answered HTTP ${res.status} for ${what}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`,
  )
}

function normalizeNetwork(n: RawNetwork): NeutronNetwork {
  const project = n.project_id ?? n.tenant_id ?? ''
  return {
    id: n.id,
    name: n.name ?? '',
    project_id: project,
    tenant_id: project,
    shared: Boolean(n.shared),
    'router:external': Boolean(n['router:external']),
    status: n.status ?? 'ACTIVE',
    subnets: n.subnets ?? [],
    created_at: n.created_at ?? '',
  }
}

function normalizePort(p: RawPort): NeutronPort {
  const project = p.project_id ?? p.tenant_id ?? ''
  return {
    id: p.id,
    name: p.name ?? '',
    network_id: p.network_id,
    project_id: project,
    tenant_id: project,
    device_id: p.device_id ?? '',
    device_owner: p.device_owner ?? '',
    status: p.status ?? 'DOWN',
    fixed_ips: p.fixed_ips ?? [],
    security_groups: p.security_groups ?? [],
    mac_address: p.mac_address ?? '',
    'binding:vif_type': p['binding:vif_type'],
  }
}

function normalizeSecurityGroup(s: RawSecurityGroup): NeutronSecurityGroup {
  const project = s.project_id ?? s.tenant_id ?? ''
  return {id: s.id, name: s.name ?? '', project_id: project, tenant_id: project, description: s.description ?? ''}
}
