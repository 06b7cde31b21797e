import {isPlainObject} from '../../common/python.js'
import type {CreateSpec, MountSpec, NetSpec, PatchSpec} from '../backend/model.js'
import {shlexSplit} from '../backend/shlex.js'
import {errors, serverError} from '../errors.js'
import {type Schema, validateOrThrow} from '../jsonschema.js'
import {atLeast, formatVersion, type Version} from '../microversion.js'
import {containerCreate, containerCreateV139, containerCreateV140, containerUpdate, legacyContainerCreate} from '../schemas.js'

/**
 * The bodies of `POST /v1/containers` and `PATCH /v1/containers/{c}` as zun-api reads them:
 * first its JSON schema for the microversion (zun-api.md §2.1, §3.1, §3.11), then what
 * `ContainersController._do_post` does with the values: the version each field needs, the
 * restart policy and exposed-ports checks.
 */

export function createSchema(v: Version): Schema {
  if (atLeast(v, 40)) return containerCreateV140
  if (atLeast(v, 39)) return containerCreateV139
  if (atLeast(v, 20)) return containerCreate
  return legacyContainerCreate
}

/** Zun's `boolean` parameter type: a JSON boolean or `True`/`true`/`False`/`false` (the schema allowed only those). */
function bool(v: unknown): boolean {
  return v === true || v === 'True' || v === 'true'
}

const present = (b: Record<string, unknown>, k: string): boolean => b[k] !== undefined && b[k] !== null

/**
 * A body the schema accepted, as the record's fields. Below 1.20 the command is a string that is
 * shlex-split (an unbalanced quote is an unhandled error on the real server: 500).
 */
export function toCreateSpec(b: Record<string, unknown>, v: Version): CreateSpec {
  const spec: CreateSpec = {image: b.image as string, nets: [], mounts: []}
  if (present(b, 'name') && b.name !== '') spec.name = b.name as string
  if (present(b, 'command')) {
    if (typeof b.command === 'string') {
      try {
        spec.command = shlexSplit(b.command)
      } catch {
        throw serverError()
      }
    } else spec.command = (b.command as unknown[]).map(String)
  }
  if (present(b, 'entrypoint')) spec.entrypoint = (b.entrypoint as unknown[]).map(String)
  if (present(b, 'cpu')) spec.cpu = Number(b.cpu)
  if (present(b, 'memory')) spec.memory = String(Number(b.memory))
  if (present(b, 'disk')) spec.disk = Number(b.disk)
  if (present(b, 'workdir')) spec.workdir = b.workdir as string
  if (present(b, 'environment')) spec.environment = b.environment as Record<string, string>
  if (present(b, 'labels')) spec.labels = b.labels as Record<string, string>
  if (present(b, 'hints')) spec.hints = b.hints as Record<string, string>
  if (present(b, 'image_pull_policy')) spec.imagePullPolicy = b.image_pull_policy as string
  if (present(b, 'image_driver') && b.image_driver !== 'None') spec.imageDriver = b.image_driver as string
  if (present(b, 'restart_policy')) spec.restartPolicy = restartPolicy(b.restart_policy as Record<string, unknown>)
  if (present(b, 'interactive')) spec.interactive = bool(b.interactive)
  if (atLeast(v, 36) && present(b, 'tty')) spec.tty = bool(b.tty)
  if (present(b, 'security_groups')) spec.securityGroups = [...new Set(b.security_groups as string[])]
  if (present(b, 'nets')) spec.nets = b.nets as NetSpec[]
  if (present(b, 'runtime')) spec.runtime = b.runtime as string
  if (present(b, 'hostname')) spec.hostname = b.hostname as string
  if (present(b, 'auto_remove')) spec.autoRemove = b.auto_remove as boolean
  if (present(b, 'auto_heal')) spec.autoHeal = bool(b.auto_heal)
  if (present(b, 'privileged')) spec.privileged = bool(b.privileged)
  if (present(b, 'mounts')) spec.mounts = (b.mounts as Array<Record<string, unknown>>).map(toMount)
  if (present(b, 'availability_zone')) spec.availabilityZone = b.availability_zone as string
  if (present(b, 'healthcheck') && Object.keys(b.healthcheck as object).length) {
    const {cmd, ...rest} = b.healthcheck as Record<string, unknown>
    spec.healthcheck = {test: typeof cmd === 'string' ? cmd : '', ...rest}
  }
  if (present(b, 'exposed_ports')) spec.exposedPorts = exposedPorts(b.exposed_ports as Record<string, unknown>)
  if (present(b, 'cpu_policy')) spec.cpuPolicy = b.cpu_policy as string
  if (present(b, 'registry') && b.registry !== '') spec.registry = b.registry as string
  if (present(b, 'host') && b.host !== '') spec.host = b.host as string
  return spec
}

function toMount(m: Record<string, unknown>): MountSpec {
  const out: MountSpec = {destination: m.destination as string}
  if (m.type !== undefined) out.type = m.type as MountSpec['type']
  if (m.source !== undefined) out.source = m.source as string
  if (m.size !== undefined) out.size = String(m.size)
  return out
}

/** `utils.check_for_restart_policy`: a retry count only with `on-failure`; `no` resets it. Values become strings. */
function restartPolicy(p: Record<string, unknown>): {Name: string; MaximumRetryCount: string} {
  const name = p.Name as string
  let count = p.MaximumRetryCount === undefined || p.MaximumRetryCount === null ? '0' : String(p.MaximumRetryCount)
  if ((name === 'unless-stopped' || name === 'always') && Number(count) !== 0) {
    throw errors.invalidValue(`maximum retry count not valid with restart policy of ${name}`)
  }
  if (name === 'no') count = '0'
  return {Name: name, MaximumRetryCount: count}
}

/** `utils.build_exposed_ports`: `port[/protocol]` keys, tcp when left out; the port only has to be an integer. */
function exposedPorts(ports: Record<string, unknown>): Record<string, Record<string, never>> {
  const out: Record<string, Record<string, never>> = {}
  for (const [key, value] of Object.entries(ports)) {
    const parts = key.split('/')
    const [port, protocol] = parts.length === 2 ? parts : [key, 'tcp']
    if (protocol !== 'tcp' && protocol !== 'udp') throw errors.invalidValue(`value ${protocol} is an invalid protocol`)
    if (!/^\s*[+-]?\d+\s*$/.test(port)) throw errors.invalidValue(`value ${port} is invalid as publish port.`)
    out[`${port}/${protocol}`] = value as Record<string, never>
  }
  return out
}

/**
 * `api_utils.version_check` in `_do_post`, in its order: each field refused below its version
 * when present (`auto_remove`, `runtime`, `hostname`, `privileged`, `exposed_ports`: even false or
 * empty) or when not empty (`healthcheck`, `mounts`, `registry`).
 */
export function checkFieldVersion(field: string, minor: number, v: Version): void {
  if (!atLeast(v, minor)) throw errors.invalidParamInVersion(field, formatVersion(v), `1.${minor}`)
}

/** PATCH: the schema (before the container is even looked up), then the values as stored. */
export function parsePatchBody(body: Record<string, unknown>): PatchSpec {
  validateOrThrow(containerUpdate, body, 'body')
  const out: PatchSpec = {}
  if (present(body, 'cpu')) out.cpu = Number(body.cpu)
  if (present(body, 'memory')) out.memory = String(Number(body.memory))
  if (present(body, 'name')) out.name = String(body.name)
  if (present(body, 'auto_heal')) out.autoHeal = bool(body.auto_heal)
  return out
}

/** The keyword arguments pecan hands a controller: the query string's, then a JSON object body's keys. */
export function kwargsOf(query: Record<string, unknown>, body: unknown): Record<string, unknown> {
  return {...query, ...(isPlainObject(body) ? body : {})}
}
