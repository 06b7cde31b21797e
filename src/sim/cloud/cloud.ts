import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {Duplex} from 'node:stream'

import {createGlance} from '../glance/server.js'
import {emptyGlance, GlanceStore} from '../glance/store.js'
import {createKeystone} from '../keystone/server.js'
import {KeystoneStore, newPassword} from '../keystone/store.js'
import {RegionNeutron} from '../neutron/region.js'
import {createNeutron} from '../neutron/server.js'
import {emptyNeutron, NeutronStore} from '../neutron/store.js'
import {createOctavia} from '../octavia/server.js'
import {emptyOctavia, OctaviaStore} from '../octavia/store.js'
import type {TricircleApp} from '../tricircle/index.js'
import type {Transitions, ZunApp, ZunWsProxy} from '../zun/index.js'
import {SimGlanceBackend, SimNeutronBackend} from './backends.js'
import {SimClock, type TimeMode} from './clock.js'
import {applyFault, FaultTable} from './faults.js'
import type {ServiceHandler} from './http.js'
import {type SeededCredentials, type Snapshot, SNAPSHOT_FORMAT, writeSnapshot, stateFile} from './snapshot.js'
import {CENTRAL, DEFAULT_REGIONS, SERVICE_NAMES, type ServiceType, servicesByRegion, validateRegions} from './topology.js'

/**
 * A whole multi-region OpenStack in one process: Keystone, and per region Neutron, Glance,
 * Octavia and Zun (plus Tricircle in CentralRegion), each service of each region on its own port
 * of 127.0.0.1 (so a region can go down — connection refused — without the others, and every
 * client sees a service at the root of its endpoint as in a real deployment).
 */

export interface CloudOptions {
  regions?: string[]
  /** Replaces the services of some regions (a test shaping the sim like a particular cloud). */
  services?: Record<string, ServiceType[]>
  /** Replaces the import methods some regions' Glance offers (default: glance-direct, web-download, copy-image, glance-download). */
  glanceImportMethods?: Record<string, string[]>
  host?: string
  /** First port (Keystone); the services take the next ones in order. 0: every port is picked free. */
  port?: number
  time?: TimeMode
  speed?: number
  /** Persists the state there (and starts from it when present). */
  stateDir?: string
  /** Starts from this state (`--state` wins when both are given). */
  initial?: Snapshot
  /** Token lifetime (default 12 h, as real-openstack). */
  tokenTtlMs?: number
  /** Unexpected errors of the emulators (default stderr). */
  onError?: (err: unknown) => void
  /**
   * Resolve `start` as soon as every port listens, and load the Zun and Tricircle emulators
   * (about 100 ms of module loading) behind it: their first requests wait for `ready`.
   * `mrctl sim up` does, so that Keystone answers sooner; in-process callers need not.
   */
  lazyEmulators?: boolean
}

export interface SimUser {
  username: string
  password: string
  project_name: string
  user_domain_name: string
  project_domain_name: string
}

export interface SimEndpoint {
  service: ServiceType | 'container-ws'
  region: string
  url: string
}

interface Listener {
  region: string
  service: ServiceType | 'container-ws'
  server: http.Server
  port: number
  url: string
}

interface RegionParts {
  name: string
  services: ServiceType[]
  neutron?: RegionNeutron
  glance?: GlanceStore
  octavia?: OctaviaStore
  zun?: ZunApp
  zunWs?: ZunWsProxy
  tricircle?: TricircleApp
  /** Its websocket proxy's URL, known once the proxy listens. */
  zunWsUrl?: string
  /** Octavia's transitions, applied before any request (a deleted load balancer's VIP port goes from Neutron too). */
  settleOctavia?: () => void
}

export interface DumpFilter {
  region?: string
  service?: string
}

function listen(server: http.Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(new Error(`${what} cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the address is already in use' : e.message}`, {cause: e}))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** The service a listener belongs to (Zun's websocket proxy is Zun's). */
function baseService(l: Listener): ServiceType {
  return l.service === 'container-ws' ? 'container' : l.service
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

export class SimCloud {
  readonly clock: SimClock
  readonly faults = new FaultTable()
  readonly regions: string[]
  readonly host: string
  readonly keystone: KeystoneStore
  readonly users: {admin: SimUser; demo: SimUser}
  authUrl = ''
  private readonly parts = new Map<string, RegionParts>()
  private readonly listeners: Listener[] = []
  private readonly down = new Set<string>()
  /** `<region> <service>` of the services down on their own. */
  private readonly serviceDown = new Set<string>()
  private keystoneHandler!: ReturnType<typeof createKeystone>
  /** Zun's state to and from JSON, loaded with the emulators. */
  private saveZun?: typeof import('../zun/backend/persist.js').saveZun
  private restoreZun?: typeof import('../zun/backend/persist.js').restoreZun
  private saveTimer?: NodeJS.Timeout
  private saving: Promise<void> = Promise.resolve()
  private closed = false
  readonly startedAt = Date.now()
  /** Resolves once the Zun and Tricircle emulators are loaded (see `lazyEmulators`). */
  ready: Promise<void> = Promise.resolve()

  private constructor(
    readonly opts: CloudOptions,
    initial: Snapshot | undefined,
  ) {
    this.regions = validateRegions(initial?.regions ?? opts.regions ?? DEFAULT_REGIONS)
    if (initial && opts.regions && opts.regions.join(',') !== initial.regions.join(',')) {
      throw new Error(`the saved state has regions ${initial.regions.join(',')}, not ${opts.regions.join(',')}`)
    }
    this.host = opts.host ?? '127.0.0.1'
    this.clock = new SimClock({mode: opts.time ?? initial?.clock.mode, speed: opts.speed ?? initial?.clock.speed, start: initial?.clock.mode === 'manual' ? initial.clock.virtual : undefined})
    const passwords: SeededCredentials = initial?.passwords ?? {admin: newPassword(), demo: newPassword()}
    const user = (username: string, project: string, password: string): SimUser => ({username, password, project_name: project, user_domain_name: 'Default', project_domain_name: 'Default'})
    this.users = {admin: user('admin', 'admin', passwords.admin), demo: user('demo', 'demo', passwords.demo)}
    this.keystone = initial
      ? new KeystoneStore(structuredClone(initial.keystone))
      : KeystoneStore.seed([
          {name: 'admin', password: passwords.admin, project: 'admin', roles: ['admin', 'member', 'reader']},
          {name: 'demo', password: passwords.demo, project: 'demo', roles: ['member', 'reader', 'load-balancer_member']},
        ])
    if (initial && !initial.passwords) this.resetPasswords()
  }

  /** Starts the cloud: every listener bound and the catalog filled in. */
  static async start(opts: CloudOptions = {}): Promise<SimCloud> {
    let initial = opts.initial
    if (opts.stateDir) {
      const {readStateIfAny} = await import('./snapshot.js')
      initial = (await readStateIfAny(opts.stateDir)) ?? initial
    }
    const cloud = new SimCloud(opts, initial)
    try {
      await cloud.boot(initial)
      if (!opts.lazyEmulators) await cloud.ready
    } catch (error) {
      await cloud.close({persist: false})
      throw error
    }
    return cloud
  }

  /** Seeded users keep their names; a snapshot without passwords gets this run's. */
  private resetPasswords(): void {
    const fresh = KeystoneStore.seed([
      {name: 'admin', password: this.users.admin.password, project: 'admin', roles: ['admin']},
      {name: 'demo', password: this.users.demo.password, project: 'demo', roles: ['member']},
    ])
    for (const u of this.keystone.data.users) {
      const f = fresh.data.users.find((x) => x.name === u.name)
      if (f) u.password_hash = f.password_hash
    }
  }

  private changed = (): void => {
    if (!this.opts.stateDir || this.closed) return
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.persist(), 200)
    this.saveTimer.unref()
  }

  private persist(): Promise<void> {
    const dir = this.opts.stateDir
    if (!dir) return Promise.resolve()
    this.saving = this.saving.then(async () => {
      await this.ready
      await writeSnapshot(stateFile(dir), {...this.snapshot(), passwords: {admin: this.users.admin.password, demo: this.users.demo.password}})
    }).catch((error) => {
      this.onError(error)
    })
    return this.saving
  }

  private onError = (err: unknown): void => {
    if (this.opts.onError) this.opts.onError(err)
    else console.error('mrctl sim:', err)
  }

  private nowMs = (): number => this.clock.nowMs()

  private async boot(initial: Snapshot | undefined): Promise<void> {
    const base = this.opts.port ?? 0
    let next = base
    const port = () => (base === 0 ? 0 : next++)
    const services = servicesByRegion(this.regions, this.opts.services)

    this.keystoneHandler = createKeystone({store: this.keystone, now: this.nowMs, tokenTtlMs: this.opts.tokenTtlMs, onChange: this.changed})
    const ks = await this.addListener('', 'identity', this.keystoneHandler, port())
    this.authUrl = `${ks.url}/v3`
    const keystoneUri = ks.url
    const auth = this.keystoneHandler

    const centralStore = services[CENTRAL]?.includes('network') ? new NeutronStore(CENTRAL, structuredClone(initial?.neutron[CENTRAL]) ?? emptyNeutron(), this.nowMs) : undefined
    for (const name of this.regions) {
      const parts: RegionParts = {name, services: services[name]}
      this.parts.set(name, parts)
      if (services[name].includes('network')) {
        const store = name === CENTRAL && centralStore ? centralStore : new NeutronStore(name, structuredClone(initial?.neutron[name]) ?? emptyNeutron(), this.nowMs)
        parts.neutron = new RegionNeutron(store, name === CENTRAL ? undefined : centralStore)
      }
      if (services[name].includes('image')) {
        const g = initial?.glance[name]
        parts.glance = new GlanceStore(name, structuredClone(g?.data) ?? emptyGlance(), this.nowMs)
        for (const [id, b64] of Object.entries(g?.blobs ?? {})) parts.glance.blobs.set(id, Buffer.from(b64, 'base64'))
      }
      if (services[name].includes('load-balancer')) {
        parts.octavia = new OctaviaStore(name, structuredClone(initial?.octavia[name]) ?? emptyOctavia(), this.nowMs)
      }
    }
    if (initial) this.dropUnheldKuryrPorts(initial)

    for (const name of this.regions) {
      const parts = this.parts.get(name)!
      for (const service of parts.services) {
        if (service === 'container') {
          // The websocket proxy first: Zun's attach/exec URLs point at it.
          const wsServer = http.createServer((req, res) => void this.ready.then(() => parts.zunWs?.handleRequest(req, res)))
          wsServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
            void this.ready.then(() => (parts.zunWs ? parts.zunWs.handleUpgrade(req, socket, head) : socket.destroy())),
          )
          const ws = await this.bind(name, 'container-ws', wsServer, port())
          parts.zunWsUrl = `ws://${this.host}:${ws.port}/`
        }
        await this.addListener(name, service, this.makeHandler(parts, service, auth, keystoneUri), port())
      }
    }
    this.fillCatalog()
    this.ready = this.loadEmulators(auth, keystoneUri, initial)
    // A failure to load surfaces through `ready` (awaited by start, by their requests and by the state calls).
    this.ready.catch(() => {})
  }

  /** Loads and creates the Zun and Tricircle emulators, once their ports listen. */
  private async loadEmulators(auth: ReturnType<typeof createKeystone>, keystoneUri: string, initial: Snapshot | undefined): Promise<void> {
    const wanted = [...this.parts.values()]
    const needZun = wanted.some((p) => p.services.includes('container'))
    const needTricircle = wanted.some((p) => p.services.includes('tricircle'))
    const [zun, tricircle, persist] = await Promise.all([
      needZun ? import('../zun/index.js') : undefined,
      needTricircle ? import('../tricircle/index.js') : undefined,
      needZun ? import('../zun/backend/persist.js') : undefined,
    ])
    this.saveZun = persist?.saveZun
    this.restoreZun = persist?.restoreZun
    for (const parts of wanted) {
      if (zun && parts.services.includes('container')) this.createZun(zun, parts, auth, keystoneUri)
      if (tricircle && parts.services.includes('tricircle')) {
        const d = tricircle.DEFAULT_JOB_STEPS
        const steps = {runningAfterMs: this.clock.duration(d.runningAfterMs), successAfterMs: this.clock.duration(d.successAfterMs)}
        parts.tricircle = tricircle.createTricircleApp({auth, now: () => this.clock.now(), jobSteps: steps, authUri: keystoneUri})
        if (initial?.tricircle) parts.tricircle.state.restore(initial.tricircle)
      }
    }
    const saved = initial?.zun
    if (saved && persist) for (const parts of wanted) if (parts.zun && saved[parts.name]) persist.restoreZun(parts.zun.state, saved[parts.name], this.clock.nowMs())
  }

  /**
   * Kuryr ports whose container is not in the saved state (a state from before containers were
   * saved, or one deleted while it was saved) would be left over: they go.
   */
  private dropUnheldKuryrPorts(snap: Snapshot): void {
    const held = new Set(Object.values(snap.zun ?? {}).flatMap((z) => [...z.containers.map((c) => c.uuid), ...z.capsules.map((c) => c.uuid)]))
    for (const p of this.parts.values()) {
      if (p.neutron) p.neutron.store.data.ports = p.neutron.store.data.ports.filter((x) => x.device_owner !== 'compute:kuryr' || held.has(x.device_id))
    }
  }

  private createZun(zun: typeof import('../zun/index.js'), parts: RegionParts, auth: ReturnType<typeof createKeystone>, keystoneUri: string): void {
    const transitions = Object.fromEntries(Object.entries(zun.DEFAULT_TRANSITIONS).map(([k, v]) => [k, this.clock.duration(v)])) as unknown as Transitions
    const now = () => this.clock.now()
    parts.zun = zun.createZunApp({
      auth,
      region: parts.name,
      neutron: new SimNeutronBackend(parts.neutron ?? this.parts.get(CENTRAL)!.neutron!),
      glance: new SimGlanceBackend(parts.glance!),
      host: this.host,
      now,
      transitions,
      wsProxyUrl: parts.zunWsUrl,
      keystoneUri,
      onError: this.onError,
    })
    parts.zunWs = new zun.ZunWsProxy({state: parts.zun.state, now, onError: this.onError, log: () => {}})
  }

  private makeHandler(parts: RegionParts, service: ServiceType, auth: ReturnType<typeof createKeystone>, keystoneUri: string): ServiceHandler {
    switch (service) {
      case 'network':
        return createNeutron({region: parts.neutron!, auth, keystoneUri, onChange: this.changed})
      case 'image':
        return createGlance({
          store: parts.glance!,
          auth,
          keystoneUri,
          peer: (r) => this.parts.get(r)?.glance,
          importMs: () => this.clock.duration(1500),
          importMethods: this.opts.glanceImportMethods?.[parts.name],
          onChange: this.changed,
        })
      case 'load-balancer': {
        const neutron = parts.neutron ?? this.parts.get(CENTRAL)?.neutron
        if (!neutron) throw new Error(`region ${parts.name} has Octavia but no Neutron for its VIPs`)
        const octavia = createOctavia({store: parts.octavia!, neutron, auth, keystoneUri, duration: (ms) => this.clock.duration(ms), onChange: this.changed})
        parts.settleOctavia = octavia.settle
        return octavia
      }
      case 'tricircle':
        return {
          handle: async (req, res) => {
            await this.ready
            await new Promise<void>((resolve) => {
              res.once('close', resolve)
              parts.tricircle!.handle(req, res)
              if ((req.method ?? 'GET') !== 'GET') res.once('finish', this.changed)
            })
          },
        }
      case 'container':
        return {
          handle: async (req, res) => {
            await this.ready
            await parts.zun!.handle(req, res)
            await parts.zunWs?.sweep()
          },
        }
      case 'identity':
        throw new Error('Keystone is not per region')
    }
  }

  private async addListener(region: string, service: ServiceType, handler: ServiceHandler, port: number): Promise<Listener> {
    const server = http.createServer((req, res) => void this.serve(region, service, handler, req, res))
    return this.bind(region, service, server, port)
  }

  private async bind(region: string, service: Listener['service'], server: http.Server, port: number): Promise<Listener> {
    server.keepAliveTimeout = 5000
    const bound = await listen(server, this.host, port, `the simulated ${service}${region ? ` of ${region}` : ''}`)
    const l: Listener = {region, service, server, port: bound, url: `http://${this.host}:${bound}`}
    this.listeners.push(l)
    return l
  }

  private async serve(region: string, service: ServiceType, handler: ServiceHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?')[0]
      const rule = this.faults.take(region || CENTRAL, service, req.method ?? 'GET', path)
      if (await applyFault(rule, service, req, res)) return
      for (const p of this.parts.values()) p.settleOctavia?.()
      const isZunRead = service === 'container' && (req.method === 'GET' || req.method === 'HEAD')
      await handler.handle(req, res)
      if (service === 'container' && !isZunRead) this.changed()
    } catch (error) {
      this.onError(error)
      if (!res.headersSent) {
        res.writeHead(500, {'Content-Type': 'text/plain'})
        res.end('internal error in the simulator')
      } else res.destroy()
    }
  }

  private fillCatalog(): void {
    const urlOf = (l: Listener) => {
      if (l.service === 'identity') return `${l.url}/v3`
      if (l.service === 'container') return `${l.url}/v1`
      if (l.service === 'tricircle') return `${l.url}/v1.0`
      return l.url
    }
    const types: ServiceType[] = ['identity', 'network', 'image', 'load-balancer', 'container', 'tricircle']
    const ks = this.listeners.find((l) => l.service === 'identity')!
    const services = types
      .map((type) => ({
        type,
        name: SERVICE_NAMES[type],
        endpoints:
          type === 'identity'
            ? this.regions.map((region) => ({region, url: urlOf(ks)}))
            : this.listeners.filter((l) => l.service === type).map((l) => ({region: l.region, url: urlOf(l)})),
      }))
      .filter((s) => s.endpoints.length)
    this.keystone.setCatalog(this.regions, services)
  }

  /** Every listening endpoint (Keystone once, with an empty region). */
  endpoints(): SimEndpoint[] {
    return this.listeners.map((l) => ({
      service: l.service,
      region: l.region,
      url: l.service === 'identity' ? `${l.url}/v3` : l.service === 'container' ? `${l.url}/v1` : l.service === 'tricircle' ? `${l.url}/v1.0` : l.service === 'container-ws' ? `ws://${this.host}:${l.port}/` : l.url,
    }))
  }

  /** The clouds.yaml document: `<name>` (admin, every region) and `<name>-demo`. */
  cloudsDocument(name = 'sim'): {clouds: Record<string, unknown>} {
    const entry = (u: SimUser) => ({
      auth: {auth_url: this.authUrl, username: u.username, password: u.password, project_name: u.project_name, user_domain_name: u.user_domain_name, project_domain_name: u.project_domain_name},
      region_name: this.regions.includes(CENTRAL) ? CENTRAL : this.regions[0],
      regions: [...this.regions],
      interface: 'public',
      identity_api_version: 3,
    })
    return {clouds: {[name]: entry(this.users.admin), [`${name}-demo`]: entry(this.users.demo)}}
  }

  tick(seconds: number): Date {
    this.clock.tick(seconds)
    return this.clock.now()
  }

  isDown(region: string): boolean {
    return this.down.has(region)
  }

  downRegions(): string[] {
    return [...this.down]
  }

  /** The services taken down on their own (a region's Zun while the rest of the region answers). */
  downServices(): Array<{region: string; service: ServiceType}> {
    return [...this.serviceDown].map((key) => {
      const [region, service] = key.split(' ')
      return {region, service: service as ServiceType}
    })
  }

  /**
   * Takes a region's listeners off the network (connection refused), or only those of one of its
   * services (Zun's websocket proxy goes with Zun), or puts them back on the same ports.
   */
  async setDown(region: string, down: boolean, service?: ServiceType): Promise<void> {
    if (!this.regions.includes(region)) throw new Error(`unknown region ${region} (regions: ${this.regions.join(', ')})`)
    const mine = this.listeners.filter((l) => l.region === region && (!service || baseService(l) === service))
    if (service && mine.length === 0) throw new Error(`region ${region} has no ${service} service`)
    const keys = service ? this.serviceDown : this.down
    const key = service ? `${region} ${service}` : region
    if (down) {
      if (keys.has(key)) return
      keys.add(key)
      await Promise.all(mine.map((l) => closeServer(l.server)))
      return
    }
    if (!keys.delete(key)) return
    for (const l of mine) {
      if (!l.server.listening && !this.listenerDown(l)) await listen(l.server, this.host, l.port, `the simulated ${l.service} of ${region}`)
    }
  }

  /** Whether a region-wide or a service fault still holds this listener down. */
  private listenerDown(l: Listener): boolean {
    return this.down.has(l.region) || this.serviceDown.has(`${l.region} ${baseService(l)}`)
  }

  // ---- state

  snapshot(): Snapshot {
    const pick = <T>(f: (p: RegionParts) => T | undefined): Record<string, T> => {
      const out: Record<string, T> = {}
      for (const [name, p] of this.parts) {
        const v = f(p)
        if (v !== undefined) out[name] = v
      }
      return out
    }
    this.keystone.sweep(this.clock.nowMs())
    for (const p of this.parts.values()) {
      p.settleOctavia?.()
      p.neutron?.dropOrphans()
    }
    return structuredClone({
      format: SNAPSHOT_FORMAT,
      saved_at: new Date().toISOString(),
      regions: this.regions,
      clock: this.clock.toJSON(),
      keystone: this.keystone.data,
      neutron: pick((p) => (p.neutron ? p.neutron.store.data : undefined)),
      glance: pick((p) => (p.glance ? {data: p.glance.data, blobs: Object.fromEntries([...p.glance.blobs].map(([id, b]) => [id, b.toString('base64')]))} : undefined)),
      octavia: pick((p) => p.octavia?.data),
      tricircle: this.parts.get(CENTRAL)?.tricircle?.state.snapshot(),
      zun: pick((p) => (p.zun && this.saveZun ? this.saveZun(p.zun.state, this.clock.nowMs()) : undefined)),
    })
  }

  /** Replaces the state with a snapshot's (regions must match); this run's users and tokens keep working. */
  load(snap: Snapshot): void {
    if (snap.regions.join(',') !== this.regions.join(',')) {
      throw new Error(`the snapshot has regions ${snap.regions.join(', ')}; this simulator has ${this.regions.join(', ')}`)
    }
    const keep = {tokens: this.keystone.data.tokens, catalog: this.keystone.data.catalog, regions: this.keystone.data.regions, users: this.keystone.data.users}
    this.keystone.data.projects = structuredClone(snap.keystone.projects)
    this.keystone.data.roles = structuredClone(snap.keystone.roles)
    this.keystone.data.assignments = structuredClone(snap.keystone.assignments)
    this.keystone.data.app_creds = structuredClone(snap.keystone.app_creds)
    this.keystone.data.users = structuredClone(snap.keystone.users).map((u) => ({...u, password_hash: keep.users.find((k) => k.name === u.name)?.password_hash ?? u.password_hash}))
    this.keystone.data.tokens = {...keep.tokens, ...structuredClone(snap.keystone.tokens)}
    for (const [name, p] of this.parts) {
      if (p.neutron && p.neutron.store.region === name) p.neutron.store.data = structuredClone(snap.neutron[name]) ?? emptyNeutron()
      if (p.glance) {
        p.glance.data = structuredClone(snap.glance[name]?.data) ?? emptyGlance()
        p.glance.blobs.clear()
        p.glance.staged.clear()
        for (const [id, b64] of Object.entries(snap.glance[name]?.blobs ?? {})) p.glance.blobs.set(id, Buffer.from(b64, 'base64'))
      }
      if (p.octavia) p.octavia.data = structuredClone(snap.octavia[name]) ?? emptyOctavia()
      if (p.tricircle) {
        if (snap.tricircle) p.tricircle.state.restore(snap.tricircle)
        else p.tricircle.state.reset()
      }
      this.resetZun(p)
      const z = snap.zun?.[name]
      if (p.zun && z && this.restoreZun) this.restoreZun(p.zun.state, z, this.clock.nowMs())
    }
    this.dropUnheldKuryrPorts(snap)
    this.changed()
  }

  /** Back to an empty cloud: the seeded users and the catalog stay, everything else goes. */
  reset(): void {
    for (const [name, p] of this.parts) {
      if (p.neutron && p.neutron.store.region === name) p.neutron.store.data = emptyNeutron()
      if (p.glance) {
        p.glance.data = emptyGlance()
        p.glance.blobs.clear()
        p.glance.staged.clear()
      }
      if (p.octavia) p.octavia.data = emptyOctavia()
      p.tricircle?.state.reset()
      this.resetZun(p)
    }
    this.keystone.data.app_creds = []
    this.faults.clear()
    this.changed()
  }

  /** Zun's containers, capsules and networks go (their ports go with the Neutron state). */
  private resetZun(p: RegionParts): void {
    if (!p.zun) return
    p.zunWs?.closeAll()
    p.zun.state.containers.clear()
    p.zun.state.capsules.clear()
    p.zun.state.zunNetworks.clear()
  }

  /** A summary for a person: per region and service, what exists (names, IDs, statuses). */
  dump(filter: DumpFilter = {}): Record<string, unknown> {
    for (const p of this.parts.values()) p.settleOctavia?.()
    const wantService = (s: string) => !filter.service || s === filter.service
    const out: Record<string, unknown> = {}
    if (!filter.region && wantService('identity')) {
      out.identity = {
        auth_url: this.authUrl,
        projects: this.keystone.data.projects.map((p) => ({id: p.id, name: p.name})),
        users: this.keystone.data.users.map((u) => ({id: u.id, name: u.name})),
        application_credentials: this.keystone.data.app_creds.map((a) => ({id: a.id, name: a.name})),
      }
    }
    for (const [name, p] of this.parts) {
      if (filter.region && filter.region !== name) continue
      const r: Record<string, unknown> = {}
      if (p.neutron && wantService('network')) {
        p.neutron.dropOrphans()
        const d = p.neutron.store.data
        r.network = {
          networks: d.networks.map((n) => ({id: n.id, name: n.name, subnets: d.subnets.filter((s) => s.network_id === n.id).map((s) => `${s.name || s.id} ${s.cidr}`), ...(n._central ? {from: CENTRAL} : {})})),
          ports: d.ports.map((x) => ({id: x.id, name: x.name, device_owner: x.device_owner, ips: x.fixed_ips.map((f: {ip_address: string}) => f.ip_address)})),
          routers: d.routers.map((x) => ({id: x.id, name: x.name})),
          security_groups: d.security_groups.map((x) => ({id: x.id, name: x.name, project_id: x.project_id})),
        }
      }
      if (p.glance && wantService('image')) {
        p.glance.settle(this.clock.nowMs(), (region, id) => this.parts.get(region)?.glance?.blobs.get(id))
        r.image = {images: p.glance.data.images.map((i) => ({id: i.id, name: i.name, status: i.status, size: i.size}))}
      }
      if (p.octavia && wantService('load-balancer')) {
        const d = p.octavia.data
        r['load-balancer'] = {
          loadbalancers: d.loadbalancers.map((x) => ({id: x.id, name: x.name, status: x.provisioning_status, vip: x.vip_address})),
          listeners: d.listeners.map((x) => ({id: x.id, name: x.name, status: x.provisioning_status, port: x.protocol_port})),
          pools: d.pools.map((x) => ({id: x.id, name: x.name, status: x.provisioning_status})),
          members: d.members.map((x) => ({id: x.id, name: x.name, status: x.provisioning_status, address: `${x.address}:${x.protocol_port}`})),
        }
      }
      if (p.zun && wantService('container')) {
        r.container = {containers: [...p.zun.state.containers.values()].map((c) => ({uuid: c.uuid, name: c.name, status: c.status}))}
      }
      if (p.tricircle && wantService('tricircle')) {
        const st = p.tricircle.state
        r.tricircle = {pods: st.pods.map((x) => ({pod_id: x.podId, region_name: x.regionName, az_name: x.azName})), routings: st.routings.length, jobs: st.jobs.length}
      }
      if (this.down.has(name)) r.down = true
      const servicesDown = this.downServices().filter((d) => d.region === name)
      if (servicesDown.length) r.down_services = servicesDown.map((d) => d.service)
      if (Object.keys(r).length) out[name] = r
    }
    return out
  }

  /** The emulators' states, for tests and the demo. */
  region(name: string): Readonly<RegionParts> | undefined {
    return this.parts.get(name)
  }

  /** A token for a seeded user, without going through HTTP (tests, the demo). */
  issueToken(user: 'admin' | 'demo' = 'admin'): string {
    return this.keystoneHandler.issueFor(user)
  }

  async close(opts: {persist?: boolean} = {}): Promise<void> {
    if (this.closed) return
    clearTimeout(this.saveTimer)
    await this.ready.catch(() => {})
    if (opts.persist !== false) await this.persist()
    this.closed = true
    for (const p of this.parts.values()) p.zunWs?.closeAll()
    await Promise.all(this.listeners.map((l) => closeServer(l.server)))
  }
}

/** Starts a simulated cloud in this process (the one call `mrctl sim up` and a demo make). */
export function startCloud(opts: CloudOptions = {}): Promise<SimCloud> {
  return SimCloud.start(opts)
}
