import {z} from 'zod'

/**
 * The topology file's schema (zod, loaded only by the topology commands). Field names follow the
 * OpenStack APIs (snake_case); the region is a field of each resource. Types are inferred from
 * the schema, so the schema is the one description of the file.
 */

const name = z.string().trim().min(1, 'must not be empty').max(255, 'is longer than 255 characters')
const region = z.string().trim().min(1, 'must not be empty')
const port = z.number().int('must be a whole number').min(1, 'must be 1…65535').max(65_535, 'must be 1…65535')
const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))

export const podSchema = z
  .object({
    region,
    /** The pod's availability zone (Tricircle az_name); none for the central pod. */
    availability_zone: z.string().trim().min(1).optional(),
    /** The AZ inside the region's own Neutron (Tricircle pod_az_name). */
    pod_availability_zone: z.string().trim().min(1).optional(),
    data_center: z.string().trim().min(1).optional(),
  })
  .strict()

export const imageSchema = z
  .object({
    name,
    /** The image data, relative to the topology file. Without it the image must already exist in each region (never created or deleted). */
    file: z.string().min(1).optional(),
    container_format: z.enum(['ami', 'ari', 'aki', 'bare', 'docker', 'ova', 'ovf']).default('docker'),
    disk_format: z.enum(['ami', 'ari', 'aki', 'vhd', 'vmdk', 'raw', 'qcow2', 'vhdx', 'vdi', 'iso', 'ploop']).default('raw'),
    properties: stringMap.default({}),
    regions: z.array(region).min(1, 'needs at least one region'),
  })
  .strict()

const allocationPool = z.object({start: z.string().min(1), end: z.string().min(1)}).strict()

export const subnetSchema = z
  .object({
    name,
    cidr: z.string().min(1),
    ip_version: z.union([z.literal(4), z.literal(6)]).optional(),
    /** An address in the range, or null for no gateway; left out: Neutron's default (the first address). */
    gateway: z.string().min(1).nullable().optional(),
    dhcp: z.boolean().default(true),
    allocation_pools: z.array(allocationPool).optional(),
    dns_nameservers: z.array(z.string().min(1)).optional(),
  })
  .strict()

export const networkSchema = z
  .object({
    name,
    /** The central region (default: the central pod's region). */
    region: region.optional(),
    availability_zone_hints: z.array(z.string().min(1)).optional(),
    subnets: z.array(subnetSchema).default([]),
  })
  .strict()

export const containerSchema = z
  .object({
    name,
    region,
    /** A name from `images:`; resolved to that image's ID in the container's region. */
    image: name,
    /** Names from `networks:` (central networks). */
    networks: z.array(name).default([]),
    command: z.union([z.array(z.string()), z.string().transform((s) => [s])]).optional(),
    environment: stringMap.default({}),
    cpu: z.number().positive('must be more than 0').optional(),
    /** MiB. */
    memory: z.number().int('must be a whole number of MiB').positive('must be more than 0').optional(),
    labels: stringMap.default({}),
    restart_policy: z
      .string()
      .regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/, 'must be no, always, unless-stopped or on-failure[:N]')
      .optional(),
    security_groups: z.array(z.string().min(1)).optional(),
    /** The command ends by itself: Stopped counts as done, as Running does. */
    exits: z.boolean().default(false),
  })
  .strict()

export const memberSchema = z
  .object({
    /** A container of `containers:` (its address on the pool's subnet), or… */
    container: name.optional(),
    /** …a fixed address. */
    address: z.string().min(1).optional(),
    port,
    /** Default: the load balancer's VIP subnet. */
    subnet: name.optional(),
    weight: z.number().int().min(0).max(256).optional(),
  })
  .strict()
  .refine((m) => (m.container === undefined) !== (m.address === undefined), {message: 'give either container or address'})

export const poolSchema = z
  .object({
    name,
    protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'UDP', 'PROXY', 'PROXYV2', 'SCTP']),
    lb_algorithm: z.enum(['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT']).default('ROUND_ROBIN'),
    members: z.array(memberSchema).default([]),
  })
  .strict()

export const listenerSchema = z
  .object({
    name,
    protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'UDP', 'TERMINATED_HTTPS', 'SCTP', 'PROMETHEUS']),
    port,
    /** A pool of this load balancer. */
    default_pool: name.optional(),
  })
  .strict()

export const loadBalancerSchema = z
  .object({
    name,
    region,
    /** A subnet of `networks:` (the central subnet, for members in several regions). */
    vip_subnet: name,
    listeners: z.array(listenerSchema).default([]),
    pools: z.array(poolSchema).default([]),
  })
  .strict()

export const topologySchema = z
  .object({
    /** The ownership mark `mrctl.topology=<name>`; default: the file's base name. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1…63 letters, digits, ".", "_" or "-", starting with a letter or digit')
      .optional(),
    pods: z.array(podSchema).default([]),
    images: z.array(imageSchema).default([]),
    networks: z.array(networkSchema).default([]),
    containers: z.array(containerSchema).default([]),
    load_balancers: z.array(loadBalancerSchema).default([]),
  })
  .strict()

export type TopologyDoc = z.output<typeof topologySchema>
export type PodDoc = z.output<typeof podSchema>
export type ImageDoc = z.output<typeof imageSchema>
export type NetworkDoc = z.output<typeof networkSchema>
export type SubnetDoc = z.output<typeof subnetSchema>
export type ContainerDoc = z.output<typeof containerSchema>
export type LoadBalancerDoc = z.output<typeof loadBalancerSchema>
export type ListenerDoc = z.output<typeof listenerSchema>
export type PoolDoc = z.output<typeof poolSchema>
export type MemberDoc = z.output<typeof memberSchema>

export interface SchemaIssue {
  path: Array<string | number>
  message: string
}

/** Zod's issues in words a person reads next to the field. */
export function schemaIssues(input: unknown): {ok: true; value: TopologyDoc} | {ok: false; issues: SchemaIssue[]} {
  const res = topologySchema.safeParse(input)
  if (res.success) return {ok: true, value: res.data}
  const issues: SchemaIssue[] = []
  for (const i of res.error.issues) {
    const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)))
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) issues.push({path: [...path, k], message: `unknown field (allowed here: ${allowedKeys(path)})`})
    } else if (i.code === 'invalid_type' && /received undefined/.test(i.message)) {
      issues.push({path, message: 'is required'})
    } else if (i.code === 'invalid_type') {
      issues.push({path, message: `must be ${article(i.expected)}${received(i.message)}`})
    } else if (i.code === 'invalid_value' && 'values' in i) {
      issues.push({path, message: `must be one of ${(i.values as unknown[]).map(String).join(', ')}`})
    } else {
      issues.push({path, message: i.message})
    }
  }
  return {ok: false, issues}
}

function article(expected: string): string {
  return {array: 'a list', object: 'a mapping', record: 'a mapping', string: 'a string', number: 'a number', boolean: 'true or false'}[expected] ?? expected
}

function received(message: string): string {
  const m = /received (\w+)/.exec(message)
  return m ? ` (got ${m[1] === 'array' ? 'a list' : m[1] === 'object' ? 'a mapping' : m[1]})` : ''
}

const KEYS: Record<string, string[]> = {
  '': Object.keys(topologySchema.shape),
  pods: Object.keys(podSchema.shape),
  images: Object.keys(imageSchema.shape),
  networks: Object.keys(networkSchema.shape),
  subnets: Object.keys(subnetSchema.shape),
  containers: Object.keys(containerSchema.shape),
  load_balancers: Object.keys(loadBalancerSchema.shape),
  listeners: Object.keys(listenerSchema.shape),
  pools: Object.keys(poolSchema.shape),
  members: ['container', 'address', 'port', 'subnet', 'weight'],
  allocation_pools: ['start', 'end'],
}

/** The fields allowed in the mapping at `path` (the last list name decides). */
function allowedKeys(path: Array<string | number>): string {
  const list = [...path].reverse().find((p): p is string => typeof p === 'string') ?? ''
  return (KEYS[list] ?? []).join(', ')
}
