import type {ContainerDoc, ImageDoc, ListenerDoc, MemberDoc, PodDoc, PoolDoc, SubnetDoc} from './schema.js'

/**
 * The resources of a topology, flattened: one entry per resource and region, keyed
 * `<kind>:<region>:<name>` (names of load-balancer children are paths: `lb/pool/member`).
 */

export type Kind = 'pod' | 'image' | 'network' | 'subnet' | 'container' | 'loadbalancer' | 'listener' | 'pool' | 'member'

/** The order resources are made in (and, reversed, removed in). */
export const KIND_ORDER: Kind[] = ['pod', 'image', 'network', 'subnet', 'container', 'loadbalancer', 'listener', 'pool', 'member']

/** The service each kind lives in (catalog type). */
export const KIND_SERVICE: Record<Kind, string> = {
  pod: 'tricircle',
  image: 'image',
  network: 'network',
  subnet: 'network',
  container: 'container',
  loadbalancer: 'load-balancer',
  listener: 'load-balancer',
  pool: 'load-balancer',
  member: 'load-balancer',
}

/** The ownership mark, as a Neutron/Octavia tag, and as a Glance property / Zun label key. */
export const MARK_KEY = 'mrctl.topology'
/** Zun label with the hash of a container's spec (Zun cannot change most of a container: a change replaces it). */
export const SPEC_KEY = 'mrctl.spec'
export const markTag = (topology: string): string => `${MARK_KEY}=${topology}`

/** The `mrctl.topology=<name>` tag's value among a resource's tags. */
export function markOfTags(tags: string[] | undefined): string | undefined {
  const t = (tags ?? []).find((x) => x.startsWith(`${MARK_KEY}=`))
  return t?.slice(MARK_KEY.length + 1)
}

/** A resource's tags with the mark of `topology` instead of any other mark (sorted, as Neutron keeps them). */
export function tagsWithMark(tags: string[], topology: string): string[] {
  return [...tags.filter((t) => !t.startsWith(`${MARK_KEY}=`)), markTag(topology)].sort()
}

export function resourceKey(kind: Kind, region: string, name: string): string {
  return `${kind}:${region}:${name}`
}

export interface ImageFileHash {
  size: number
  md5: string
  sha512: string
}

export type DesiredSpec =
  | {kind: 'pod'; pod: PodDoc}
  | {kind: 'image'; image: ImageDoc; path?: string; hash?: ImageFileHash}
  | {kind: 'network'; availabilityZoneHints: string[]}
  | {kind: 'subnet'; subnet: SubnetDoc; network: string}
  | {kind: 'container'; container: ContainerDoc; specHash: string}
  | {kind: 'loadbalancer'; vipSubnet: string}
  | {kind: 'listener'; listener: ListenerDoc; loadBalancer: string}
  | {kind: 'pool'; pool: PoolDoc; loadBalancer: string; listener?: string}
  | {kind: 'member'; member: MemberDoc; loadBalancer: string; pool: string; subnet: string}

export interface DesiredResource {
  key: string
  kind: Kind
  region: string
  /** Display name (a path for load-balancer children). */
  name: string
  /** Keys of the resources it needs first. */
  parents: string[]
  spec: DesiredSpec
}

/** One resource as read from a cloud. */
export interface ObservedResource {
  key: string
  kind: Kind
  region: string
  name: string
  id: string
  /** It belongs to another project (an admin lists everyone's): never adopted, never in the way. */
  foreign?: boolean
  /** The `mrctl.topology` mark it carries, if any. */
  mark?: string
  /** Changes when the resource changes (revision, updated_at…): a saved plan is refused when it moved. */
  fingerprint: string
  /** IDs of the observed resources it sits on (network of a subnet, pool of a member…). */
  refs: string[]
  /** What the plan compares. */
  attrs: Record<string, unknown>
}

/** A (region, kind) that could not be read: its resources' steps fail with this error. */
export interface ObserveFailure {
  region: string
  kind: Kind
  error: Error
}

export interface Observed {
  resources: ObservedResource[]
  failures: ObserveFailure[]
}
