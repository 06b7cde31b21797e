import {randomUUID} from 'node:crypto'

import {isoSeconds, SimHttpError} from '../cloud/http.js'

/**
 * One region's simulated Neutron: its records as plain wire-shaped objects (a snapshot is
 * `JSON.stringify(data)`), the caller context, Neutron's errors, quotas and the default security
 * group. The resource modules (networks.ts, subnets.ts, …) act on it; server.ts speaks HTTP.
 */

export type Rec = Record<string, any>

export interface NeutronData {
  networks: Rec[]
  subnets: Rec[]
  ports: Rec[]
  routers: Rec[]
  security_groups: Rec[]
  security_group_rules: Rec[]
  /** Project ID → the limits set for it (the rest are the defaults). */
  quotas: Record<string, Record<string, number>>
  next_attr_id: number
}

export interface Caller {
  projectId: string
  isAdmin: boolean
}

export const ADMIN: Caller = {projectId: '', isAdmin: true}

export const DEFAULT_QUOTAS: Record<string, number> = {
  network: 100,
  subnet: 100,
  subnetpool: -1,
  port: 500,
  router: 10,
  floatingip: 50,
  rbac_policy: 10,
  security_group: 10,
  security_group_rule: 100,
}

export const AVAILABILITY_ZONES = ['nova']

/** A Neutron error: `{"NeutronError": {"type", "message", "detail"}}`. */
export function nerr(status: number, type: string, message: string): SimHttpError {
  return new SimHttpError(status, message, type)
}

export const badRequest = (message: string) => nerr(400, 'HTTPBadRequest', message)
export const invalidInput = (message: string) => nerr(400, 'InvalidInput', `Invalid input for operation: ${message}.`)
export const policy = (rule: string) => nerr(403, 'PolicyNotAuthorized', `(${rule}) is disallowed by policy`)

export function emptyNeutron(): NeutronData {
  return {networks: [], subnets: [], ports: [], routers: [], security_groups: [], security_group_rules: [], quotas: {}, next_attr_id: 1}
}

export class NeutronStore {
  /** The region's name (for logs and dumps). */
  constructor(
    readonly region: string,
    public data: NeutronData,
    readonly now: () => number,
  ) {}

  stamp(): string {
    return isoSeconds(this.now())
  }

  nextAttrId(): number {
    return this.data.next_attr_id++
  }

  /** created_at/updated_at/revision_number/tags/project fields of a new record. */
  standard(projectId: string): Rec {
    const t = this.stamp()
    return {tags: [], created_at: t, updated_at: t, revision_number: 0, project_id: projectId, tenant_id: projectId}
  }

  touch(r: Rec): void {
    r.updated_at = this.stamp()
    r.revision_number = (r.revision_number ?? 0) + 1
  }

  newId(): string {
    return randomUUID()
  }

  /** Whether the caller may see the record (its own, or everything as admin). */
  owns(ctx: Caller, r: Rec): boolean {
    return ctx.isAdmin || r.project_id === ctx.projectId
  }

  /** The project a create is for: the body's, or the caller's; only admins name another. */
  projectFor(ctx: Caller, body: Rec, resource: string): string {
    const given = (body.project_id ?? body.tenant_id) as string | undefined
    if (body.project_id !== undefined && body.tenant_id !== undefined && body.project_id !== body.tenant_id) {
      throw badRequest("'project_id' and 'tenant_id' do not match")
    }
    if (given !== undefined && given !== ctx.projectId && !ctx.isAdmin) {
      throw policy(`rule:create_${resource} and rule:create_${resource}:tenant_id`)
    }
    return given ?? ctx.projectId
  }

  quotaLimits(projectId: string): Record<string, number> {
    return {...DEFAULT_QUOTAS, ...this.data.quotas[projectId]}
  }

  usage(projectId: string): Record<string, number> {
    const count = (rows: Rec[]) => rows.filter((r) => r.project_id === projectId).length
    return {
      network: count(this.data.networks),
      subnet: count(this.data.subnets),
      subnetpool: 0,
      port: count(this.data.ports),
      router: count(this.data.routers),
      floatingip: 0,
      rbac_policy: 0,
      security_group: count(this.data.security_groups),
      security_group_rule: count(this.data.security_group_rules),
    }
  }

  /** 409 OverQuota when one more `resource` would pass the project's limit. */
  checkQuota(projectId: string, resource: string, more = 1): void {
    if (!projectId) return
    const limit = this.quotaLimits(projectId)[resource]
    if (limit >= 0 && this.usage(projectId)[resource] + more > limit) {
      throw nerr(409, 'OverQuota', `Quota exceeded for resources: ['${resource}'].`)
    }
  }

  // ---- security groups shared by ports and the security group module

  /** The project's `default` group, made (with its four rules) on first need, as Neutron does. */
  defaultSecurityGroup(projectId: string): Rec {
    const existing = this.data.security_groups.find((g) => g.name === 'default' && g.project_id === projectId)
    if (existing) return existing
    const sg = this.addSecurityGroup(projectId, 'default', 'Default security group')
    for (const ethertype of ['IPv4', 'IPv6']) {
      this.addRule(sg, {direction: 'ingress', ethertype, remote_group_id: sg.id})
    }
    return sg
  }

  addSecurityGroup(projectId: string, name: string, description: string): Rec {
    const sg: Rec = {
      id: this.newId(),
      name,
      stateful: true,
      description,
      shared: false,
      ...this.standard(projectId),
    }
    this.data.security_groups.push(sg)
    if (name !== 'default') {
      for (const ethertype of ['IPv4', 'IPv6']) this.addRule(sg, {direction: 'egress', ethertype})
    }
    return sg
  }

  addRule(sg: Rec, o: Rec): Rec {
    const prefix = (o.remote_ip_prefix as string | null | undefined) ?? null
    const rule: Rec = {
      id: this.newId(),
      security_group_id: sg.id,
      ethertype: o.ethertype ?? 'IPv4',
      direction: o.direction,
      protocol: o.protocol ?? null,
      port_range_min: o.port_range_min ?? null,
      port_range_max: o.port_range_max ?? null,
      remote_ip_prefix: prefix,
      remote_address_group_id: null,
      normalized_cidr: o.normalized_cidr ?? prefix,
      remote_group_id: o.remote_group_id ?? null,
      standard_attr_id: this.nextAttrId(),
      description: o.description ?? null,
      ...this.standard(sg.project_id),
    }
    this.data.security_group_rules.push(rule)
    return rule
  }
}

/** The 404 of each collection, as the resource modules raise it. */
export const NOT_FOUND: Record<string, (id: string) => SimHttpError> = {
  networks: (id) => nerr(404, 'NetworkNotFound', `Network ${id} could not be found.`),
  subnets: (id) => nerr(404, 'SubnetNotFound', `Subnet ${id} could not be found.`),
  ports: (id) => nerr(404, 'PortNotFound', `Port ${id} could not be found.`),
  routers: (id) => nerr(404, 'RouterNotFound', `Router ${id} could not be found.`),
  security_groups: (id) => nerr(404, 'SecurityGroupNotFound', `Security group ${id} does not exist`),
  security_group_rules: (id) => nerr(404, 'SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`),
}
