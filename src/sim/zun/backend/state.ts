import {randomUUID} from 'node:crypto'

import type {GlanceBackend} from '../../backends/glance.js'
import type {NeutronBackend} from '../../backends/neutron.js'
import {errors} from '../errors.js'
import type {LifecycleEnv} from './lifecycle.js'
import type {OutOfRangeMode} from '../microversion.js'
import type {ContainerRecord} from './model.js'
import {isUuidLike} from '../params.js'
import type {Caller} from '../policy.js'
import {advance, type Step, type Transitions} from './status-machine.js'

export interface ServiceRecord {
  id: number
  host: string
  binary: string
  disabled: boolean
  disabledReason: string | null
  forcedDown: boolean
  availabilityZone: string
  createdAt: number
  updatedAt: number | null
}

export interface ImageRecord {
  uuid: string
  imageId: string | null
  repo: string
  tag: string
  size: string | null
  projectId: string
  host: string
  imagePullPolicy: string | null
  pullAt: number
}

export interface RegistryRecord {
  uuid: string
  name: string
  domain: string
  username: string | null
  password: string | null
  userId: string
  projectId: string
  seq: number
}

/** A Docker/Kuryr network Zun made for a Neutron network (`/v1/networks`, or lazily at create). */
export interface ZunNetworkRecord {
  uuid: string
  name: string
  projectId: string
  userId: string
  networkId: string
  neutronNetId: string
}

export interface QuotaSet {
  containers: number
  memory: number
  cpu: number
  disk: number
}

export const QUOTA_KEYS = ['containers', 'memory', 'cpu', 'disk'] as const

/** `[quota]` defaults of zun.conf. */
export const DEFAULT_QUOTAS: QuotaSet = {containers: 40, memory: 51_200, cpu: 20, disk: 100}

export interface HostInfo {
  uuid: string
  hostname: string
  memTotal: number
  cpus: number
  diskTotal: number
  architecture: string
  osType: string
  os: string
  kernelVersion: string
  labels: Record<string, string>
  runtimes: string[]
  diskQuotaSupported: boolean
  enableCpuPinning: boolean
}

export interface CapsuleRecord {
  timeline: Array<Step<CapsuleRecord>>
  seq: number
  uuid: string
  /** null when the template's metadata gave none. */
  name: string | null
  projectId: string
  userId: string
  status: string
  statusReason: string | null
  cpu: number
  memory: string
  labels: Record<string, string> | null
  annotations: Record<string, string> | null
  restartPolicy: Record<string, string>
  containers: ContainerRecord[]
  initContainers: ContainerRecord[]
  /** The capsule's own sandbox, which holds its Neutron ports (device_id = the capsule uuid). */
  sandbox: ContainerRecord
  host: string | null
  createdAt: {ms: number; micro: number}
  updatedAt: number | null
  destroyed: boolean
  released: boolean
}

/** Who asks for an operation, the request it belongs to (container actions are keyed by it), and when. */
export interface OpContext {
  caller: Caller
  requestId: string
  /** Epoch ms, from the injected clock. */
  now: number
}

export interface ZunConfig {
  region: string
  host: string
  availabilityZone: string
  wsProxyUrl: string
  keystoneUri: string
  outOfRange: OutOfRangeMode
  lifecycle: LifecycleEnv
  transitions: Transitions
}

/** Everything the emulated Zun remembers, plus its backends. */
export class ZunState {
  readonly containers = new Map<string, ContainerRecord>()
  readonly capsules = new Map<string, CapsuleRecord>()
  readonly images = new Map<string, ImageRecord>()
  readonly registries = new Map<string, RegistryRecord>()
  readonly quotas = new Map<string, Partial<QuotaSet>>()
  readonly quotaClasses = new Map<string, Partial<QuotaSet>>()
  readonly zunNetworks = new Map<string, ZunNetworkRecord>()
  readonly services: ServiceRecord[] = []
  readonly hostInfo: HostInfo
  private seq = 0

  constructor(
    readonly config: ZunConfig,
    readonly neutron: NeutronBackend,
    readonly glance: GlanceBackend,
    startedAt: number,
  ) {
    this.hostInfo = {
      uuid: randomUUID(),
      hostname: config.host,
      memTotal: 15_990,
      cpus: 8,
      diskTotal: 160,
      architecture: 'x86_64',
      osType: 'linux',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-28-amd64',
      labels: {},
      runtimes: ['runc'],
      diskQuotaSupported: true,
      enableCpuPinning: false,
    }
    this.services.push({
      id: 1,
      host: config.host,
      binary: 'zun-compute',
      disabled: false,
      disabledReason: null,
      forcedDown: false,
      availabilityZone: config.availabilityZone,
      createdAt: startedAt,
      updatedAt: startedAt,
    })
  }

  nextSeq(): number {
    return ++this.seq
  }

  /** The last number handed out (saved with the state), and where a restored state goes on from. */
  get lastSeq(): number {
    return this.seq
  }

  resumeSeq(seq: number): void {
    this.seq = Math.max(this.seq, seq)
  }

  /**
   * Brings every record up to `now`; destroyed records are dropped and their Neutron ports
   * released (via `release`).
   */
  async tick(now: number, release: (c: ContainerRecord) => Promise<void>): Promise<void> {
    for (const c of [...this.containers.values()]) {
      advance(c, now)
      if (c.destroyed) {
        this.containers.delete(c.uuid)
        if (!c.released) await release(c)
      }
    }
    for (const cap of [...this.capsules.values()]) {
      advance(cap, now)
      for (const c of [...cap.containers, ...cap.initContainers]) advance(c, now)
      if (cap.destroyed) {
        this.capsules.delete(cap.uuid)
        if (!cap.sandbox.released) await release(cap.sandbox)
      }
    }
  }

  /** The compute service that can take new containers, if any (enabled and not forced down). */
  schedulableService(availabilityZone?: string | null): ServiceRecord | undefined {
    return this.services.find(
      (s) =>
        s.binary === 'zun-compute' &&
        !s.disabled &&
        !s.forcedDown &&
        (!availabilityZone || s.availabilityZone === availabilityZone),
    )
  }

  hostExists(name: string): boolean {
    return this.services.some((s) => s.binary === 'zun-compute' && s.host === name)
  }

  /** Containers the caller may see: its project's, or every project's with `allProjects`. */
  visibleContainers(caller: Caller, allProjects: boolean): ContainerRecord[] {
    return [...this.containers.values()].filter((c) => allProjects || c.projectId === caller.projectId)
  }

  /**
   * `utils.get_container`: by UUID or by name; admins search every project. 404
   * `container.container-not-found`, or 409 when a name is shared by several containers.
   */
  findContainer(ident: string, caller: Caller, allProjects = false): ContainerRecord {
    const scope = this.visibleContainers(caller, allProjects || caller.isAdmin)
    if (isUuidLike(ident)) {
      const c = scope.find((x) => x.uuid === ident.toLowerCase() || x.uuid === ident)
      if (c) return c
    }
    const named = scope.filter((x) => x.name === ident)
    if (named.length === 1) return named[0]
    if (named.length > 1) {
      throw errors.conflict('Multiple containers exist with same name. Please use the container uuid instead.')
    }
    throw errors.containerNotFound(ident)
  }

  quotaLimits(projectId: string): QuotaSet {
    return {...this.classQuotas('default'), ...this.quotas.get(projectId)}
  }

  classQuotas(name: string): QuotaSet {
    return {...DEFAULT_QUOTAS, ...this.quotaClasses.get('default'), ...this.quotaClasses.get(name)}
  }

  quotaUsage(projectId: string): QuotaSet {
    const mine = [...this.containers.values()].filter((c) => c.projectId === projectId)
    return {
      containers: mine.length,
      memory: mine.reduce((n, c) => n + Number(c.memory), 0),
      cpu: mine.reduce((n, c) => n + (c.cpu ?? 0), 0),
      disk: mine.reduce((n, c) => n + c.disk, 0),
    }
  }

  /** Records the Docker/Kuryr network of a Neutron network, as compute does on first use. */
  ensureZunNetwork(neutronNetId: string, caller: Caller, name?: string): ZunNetworkRecord {
    const existing = this.zunNetworks.get(neutronNetId)
    if (existing) return existing
    const rec: ZunNetworkRecord = {
      uuid: randomUUID(),
      name: name ?? neutronNetId,
      projectId: caller.projectId,
      userId: caller.userId,
      networkId: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
      neutronNetId,
    }
    this.zunNetworks.set(neutronNetId, rec)
    return rec
  }
}
