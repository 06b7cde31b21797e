import type {OutputSegment, TtySize} from './exec.js'
import type {Status, Step} from './status-machine.js'
import type {MicroTime} from '../time.js'

/** A fixed IP of a container's Neutron port. */
export interface AttachedIp {
  addr: string
  version: 4 | 6
  subnetId: string
  /** From the subnet's CIDR, for `ip addr`. */
  prefixLen: number
}

/** A Neutron port bound to a container (what `addresses` and `network_list` show). */
export interface AttachedPort {
  portId: string
  networkId: string
  /** True for a port the user brought (`nets: [{port}]`): kept (unbound) when the container goes. */
  preserveOnDelete: boolean
  ips: AttachedIp[]
  mac: string
  securityGroups: string[]
}

/** One run of the container's main process (each start, restart or rebuild-and-run). */
export interface ProcessRun {
  startedAt: number
  /** When it stopped (exit, stop, kill), or null while it runs. */
  endedAt: number | null
  segments: OutputSegment[]
  /** When it will exit by itself (null: it runs until stopped), and with which code. */
  exitAt: number | null
  exitCode: number
  /** While paused: how long it still had to run. */
  remainingMs: number | null
}

export interface ActionEvent {
  event: string
  startMs: number
  finishMs: number | null
  result: string | null
  traceback: string | null
}

/** A container action (`GET …/container_actions`). */
export interface ActionRecord {
  action: string
  requestId: string
  userId: string
  projectId: string
  containerUuid: string
  startMs: number
  /** Visible once the clock has reached it. */
  finishMs: number | null
  message: string | null
  events: ActionEvent[]
}

export interface ExecInstance {
  execId: string
  command: string
  token: string
  interactive: boolean
  /** Set once the websocket proxy started it: Docker starts an exec instance only once. */
  started?: boolean
  /** The exec's tty size, from `execute_resize`. */
  ttySize?: TtySize
}

export interface RestartPolicy {
  Name: string
  MaximumRetryCount: string
}

export interface ContainerRecord {
  timeline: Array<Step<ContainerRecord>>
  /** Creation order (Zun's `id`, the default sort key). */
  seq: number
  uuid: string
  /** The Docker container id (64 hex); its first 12 characters are the default hostname. */
  dockerId: string
  name: string
  projectId: string
  userId: string
  image: string
  /** null for the containers of a capsule (Zun fills none in for them). */
  imageDriver: string | null
  command: string[] | null
  entrypoint: string[] | null
  /** null for a capsule's container that asked for none. */
  cpu: number | null
  memory: string | null
  disk: number
  environment: Record<string, string> | null
  labels: Record<string, string> | null
  workdir: string | null
  hostname: string | null
  /** Exposed ports as ints (`ports`). */
  ports: number[] | null
  imagePullPolicy: string | null
  runtime: string | null
  restartPolicy: RestartPolicy | null
  interactive: boolean
  tty: boolean
  securityGroups: string[] | null
  autoRemove: boolean
  autoHeal: boolean
  privileged: boolean
  healthcheck: Record<string, unknown> | null
  cpuPolicy: string
  registryId: string | null
  availabilityZone: string | null
  hints: Record<string, string> | null
  status: Status
  statusReason: string | null
  taskState: string | null
  host: string | null
  createdAt: MicroTime
  updatedAt: number | null

  // Emulation state.
  /** Ports are listed in `addresses` once the sandbox exists (after Creating). */
  networked: boolean
  attachments: AttachedPort[]
  /** A failure zun-compute would hit while creating (image not found, Neutron error…). */
  pendingError: string | null
  runs: ProcessRun[]
  startedAt: number | null
  finishedAt: number | null
  exitCode: number | null
  /** The container's files visible to `cat` and `get_archive` (bind mounts, put_archive). */
  files: Map<string, Buffer>
  /** Files injected by `mounts: [{type: 'bind'}]`, which survive a rebuild. */
  injectedFiles: Map<string, Buffer>
  execs: Map<string, ExecInstance>
  websocketToken: string | null
  /** The main process's tty size, from `resize` (attach sessions). */
  ttySize?: TtySize
  /** The security group created for `exposed_ports`, deleted with the container. */
  exposedSecurityGroup: string | null
  /** Set when the record is gone (deleted, or auto-removed after its process ended). */
  destroyed: boolean
  /** Set once the Neutron side (ports, exposed-port group) was released. */
  released: boolean
  actions: ActionRecord[]
}

// ---- requests, as the API validated them

/** One `nets[]` item as sent (hyphenated keys), or network_attach's query. */
export interface NetSpec {
  network?: string
  port?: string
  'v4-fixed-ip'?: string
  'v6-fixed-ip'?: string
  fixed_ip?: string
}

export interface MountSpec {
  source?: string
  destination: string
  size?: string
  type?: 'volume' | 'bind'
}

export interface CreateSpec {
  image: string
  name?: string
  command?: string[]
  entrypoint?: string[]
  cpu?: number
  memory?: string
  disk?: number
  workdir?: string
  environment?: Record<string, string>
  labels?: Record<string, string>
  hints?: Record<string, string>
  imagePullPolicy?: string
  imageDriver?: string
  restartPolicy?: {Name: string; MaximumRetryCount: string}
  interactive?: boolean
  tty?: boolean
  securityGroups?: string[]
  nets: NetSpec[]
  runtime?: string
  hostname?: string
  autoRemove?: boolean
  autoHeal?: boolean
  privileged?: boolean
  mounts: MountSpec[]
  availabilityZone?: string
  healthcheck?: {test?: string; interval?: number; retries?: number; timeout?: number}
  exposedPorts?: Record<string, Record<string, never>>
  cpuPolicy?: string
  registry?: string
  host?: string
}

export interface PatchSpec {
  cpu?: number
  memory?: string
  name?: string
  autoHeal?: boolean
}
