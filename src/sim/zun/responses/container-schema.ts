import {errors} from '../errors.js'
import {atLeast, formatVersion, type Version} from '../microversion.js'
import type {CreateSpec, MountSpec, NetSpec, PatchSpec} from '../backend/model.js'
import {fieldError, isIPv4, isIPv6, parseExtendedBool, pyRepr} from '../params.js'
import {shlexSplit} from '../backend/shlex.js'

/**
 * The body of `POST /v1/containers` and `PATCH /v1/containers/{c}`, validated as Zun's jsonschema
 * does (zun-api.md §2.1, §3.1, §3.11): `additionalProperties: false`, per-field types, and the
 * fields that need a newer microversion.
 */

/** Body keys accepted by the schema at each version (`host` 1.39, `entrypoint` 1.40). */
function allowedCreateKeys(v: Version): string[] {
  const keys = [
    'image',
    'name',
    'command',
    'cpu',
    'memory',
    'workdir',
    'image_pull_policy',
    'image_driver',
    'labels',
    'environment',
    'restart_policy',
    'interactive',
    'tty',
    'security_groups',
    'nets',
    'runtime',
    'hostname',
    'auto_remove',
    'mounts',
    'availability_zone',
    'hints',
    'disk',
    'auto_heal',
    'privileged',
    'healthcheck',
    'exposed_ports',
    'cpu_policy',
    'registry',
  ]
  if (atLeast(v, 39)) keys.push('host')
  if (atLeast(v, 40)) keys.push('entrypoint')
  return keys
}

/** Fields that answer 400 `container.invalid-param-in-version` below their version. */
const PARAM_VERSIONS: Array<[string, number]> = [
  ['auto_remove', 3],
  ['runtime', 5],
  ['hostname', 9],
  ['mounts', 11],
  ['privileged', 21],
  ['healthcheck', 22],
  ['exposed_ports', 24],
  ['cpu_policy', 28],
  ['registry', 31],
]

export function checkAdditional(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k))
  if (extra.length) {
    const list = extra.map((k) => `'${k}'`).join(', ')
    throw errors.schema(`Additional properties are not allowed (${list} ${extra.length > 1 ? 'were' : 'was'} unexpected)`)
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function typeError(path: string, v: unknown, type: string): never {
  return fieldError(path, v, `${pyRepr(v)} is not of type '${type}'`)
}

function str(path: string, v: unknown, opts: {min?: number; max?: number; pattern?: RegExp} = {}): string {
  if (typeof v !== 'string') typeError(path, v, 'string')
  const s = v as string
  if (opts.min !== undefined && s.length < opts.min) fieldError(path, s, `${pyRepr(s)} is too short`)
  if (opts.max !== undefined && s.length > opts.max) fieldError(path, s, `${pyRepr(s)} is too long`)
  if (opts.pattern && !opts.pattern.test(s)) fieldError(path, s, `${pyRepr(s)} does not match '${opts.pattern.source}'`)
  return s
}

/** Zun's `boolean` parameter type: a JSON boolean or one of the usual strings. */
function bool(path: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'string') {
    const b = parseExtendedBool(v)
    if (b !== undefined && !['t', 'f', 'y', 'n'].includes(v.toLowerCase())) return b
  }
  return fieldError(path, v, `${pyRepr(v)} is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']`)
}

function stringMap(path: string, v: unknown): Record<string, string> {
  if (!isObject(v)) typeError(path, v, 'object')
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val !== 'string') typeError(`${path}/${k}`, val, 'string')
    out[k] = val as string
  }
  return out
}

function stringList(path: string, v: unknown): string[] {
  if (!Array.isArray(v)) typeError(path, v, 'array')
  return (v as unknown[]).map((item, i) => str(`${path}/${i}`, item))
}

export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

export function validateName(v: unknown): string {
  return str('name', v, {min: 2, max: 255, pattern: NAME_PATTERN})
}

/** cpu: a number or numeric string, 0.1–16 (returned as a float). */
export function validateCpu(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN
  if (Number.isNaN(n)) fieldError('cpu', v, `${pyRepr(v)} is not of type 'number', 'string'`)
  if (n < 0.1 || n > 16) throw errors.invalidValue(`Invalid cpu value ${n}: it must be between 0.1 and 16.0.`)
  return n
}

/** memory: digits (MiB) as a string or an integer, 4–8192 (returned as a string). */
export function validateMemory(v: unknown): string {
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : v
  if (typeof s !== 'string' || !/^[0-9]+$/.test(s)) {
    if (typeof s !== 'string') typeError('memory', v, 'string')
    fieldError('memory', v, `${pyRepr(v)} does not match '^[0-9]+$'`)
  }
  const n = Number(s)
  if (n < 4 || n > 8192) throw errors.invalidValue(`Invalid memory value ${n}: it must be between 4 and 8192 MiB.`)
  return String(n)
}

function validateNets(v: unknown): NetSpec[] {
  if (!Array.isArray(v)) typeError('nets', v, 'array')
  return (v as unknown[]).map((item, i) => {
    const path = `nets/${i}`
    if (!isObject(item)) typeError(path, item, 'object')
    const o = item as Record<string, unknown>
    checkAdditional(o, ['network', 'port', 'v4-fixed-ip', 'v6-fixed-ip'])
    const hasNet = o.network !== undefined
    const hasPort = o.port !== undefined
    if (hasNet === hasPort) fieldError(path, o, `${pyRepr(o)} is valid under each of {'required': ['network']}, {'required': ['port']}`)
    const out: NetSpec = {}
    if (hasNet) out.network = str(`${path}/network`, o.network, {min: 1})
    if (hasPort) out.port = str(`${path}/port`, o.port, {min: 1})
    if (o['v4-fixed-ip'] !== undefined) {
      const ip = str(`${path}/v4-fixed-ip`, o['v4-fixed-ip'])
      if (!isIPv4(ip)) fieldError(`${path}/v4-fixed-ip`, ip, `${pyRepr(ip)} is not a 'ipv4'`)
      out['v4-fixed-ip'] = ip
    }
    if (o['v6-fixed-ip'] !== undefined) {
      const ip = str(`${path}/v6-fixed-ip`, o['v6-fixed-ip'])
      if (!isIPv6(ip)) fieldError(`${path}/v6-fixed-ip`, ip, `${pyRepr(ip)} is not a 'ipv6'`)
      out['v6-fixed-ip'] = ip
    }
    return out
  })
}

function validateMounts(v: unknown): MountSpec[] {
  if (!Array.isArray(v)) typeError('mounts', v, 'array')
  return (v as unknown[]).map((item, i) => {
    const path = `mounts/${i}`
    if (!isObject(item)) typeError(path, item, 'object')
    const o = item as Record<string, unknown>
    checkAdditional(o, ['source', 'destination', 'size', 'type'])
    if (o.destination === undefined) fieldError(path, o, "'destination' is a required property")
    const m: MountSpec = {destination: str(`${path}/destination`, o.destination, {min: 1})}
    if (o.type !== undefined) {
      if (o.type !== 'volume' && o.type !== 'bind') fieldError(`${path}/type`, o.type, `${pyRepr(o.type)} is not one of ['volume', 'bind']`)
      m.type = o.type
    }
    if (o.source !== undefined) m.source = str(`${path}/source`, o.source)
    if (o.size !== undefined) {
      const size = typeof o.size === 'number' ? String(o.size) : str(`${path}/size`, o.size)
      if (!/^[1-9][0-9]*$/.test(size)) fieldError(`${path}/size`, o.size, `${pyRepr(o.size)} does not match '^[1-9][0-9]*$'`)
      m.size = size
    }
    if (m.source === undefined && m.size === undefined) {
      throw errors.invalidValue('Invalid mount: a mount needs a source or a size.')
    }
    return m
  })
}

const RESTART_NAMES = ['no', 'always', 'unless-stopped', 'on-failure']

function validateRestartPolicy(v: unknown): {Name: string; MaximumRetryCount: string} {
  if (!isObject(v)) typeError('restart_policy', v, 'object')
  const o = v as Record<string, unknown>
  checkAdditional(o, ['Name', 'MaximumRetryCount'])
  if (o.Name === undefined) fieldError('restart_policy', o, "'Name' is a required property")
  if (typeof o.Name !== 'string' || !RESTART_NAMES.includes(o.Name)) {
    fieldError('restart_policy/Name', o.Name, `${pyRepr(o.Name)} is not one of ['no', 'always', 'unless-stopped', 'on-failure']`)
  }
  let count = '0'
  if (o.MaximumRetryCount !== undefined) {
    const raw = typeof o.MaximumRetryCount === 'number' ? String(o.MaximumRetryCount) : o.MaximumRetryCount
    if (typeof raw !== 'string' || !/^[0-9]+$/.test(raw)) {
      fieldError('restart_policy/MaximumRetryCount', o.MaximumRetryCount, `${pyRepr(o.MaximumRetryCount)} does not match '^[0-9]+$'`)
    }
    count = String(Number(raw))
  }
  const name = o.Name as string
  if ((name === 'always' || name === 'unless-stopped') && count !== '0') {
    throw errors.invalidValue(`maximum retry count not valid with restart policy setting ${name}`)
  }
  if (name === 'no') count = '0'
  return {Name: name, MaximumRetryCount: count}
}

function validateHealthcheck(v: unknown): CreateSpec['healthcheck'] {
  if (!isObject(v)) typeError('healthcheck', v, 'object')
  const o = v as Record<string, unknown>
  checkAdditional(o, ['cmd', 'interval', 'retries', 'timeout'])
  const out: NonNullable<CreateSpec['healthcheck']> = {}
  if (o.cmd !== undefined) out.test = str('healthcheck/cmd', o.cmd)
  for (const k of ['interval', 'retries', 'timeout'] as const) {
    if (o[k] === undefined) continue
    if (typeof o[k] !== 'number' || !Number.isInteger(o[k]) || (o[k] as number) < 0) typeError(`healthcheck/${k}`, o[k], 'integer')
    out[k] = o[k] as number
  }
  return out
}

/** `exposed_ports`: `{"80": {}, "53/udp": {}}` with ports 1–65535 and tcp/udp. */
function validateExposedPorts(v: unknown): Record<string, Record<string, never>> {
  if (!isObject(v)) typeError('exposed_ports', v, 'object')
  const out: Record<string, Record<string, never>> = {}
  for (const [key, val] of Object.entries(v as Record<string, unknown>)) {
    const m = /^(\d+)(?:\/(tcp|udp))?$/.exec(key)
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65_535) throw errors.invalidValue(`Invalid port ${key}: a port is 1-65535, with /tcp or /udp.`)
    if (!isObject(val) || Object.keys(val).length) fieldError(`exposed_ports/${key}`, val, `${pyRepr(val)} is not of type 'object'`)
    out[key] = {}
  }
  return out
}

export function validateCreateBody(body: unknown, v: Version): CreateSpec {
  if (!isObject(body)) typeError('', body, 'object')
  const b = body as Record<string, unknown>
  checkAdditional(b, allowedCreateKeys(v))
  if (b.image === undefined) throw errors.schema("'image' is a required property")
  const spec: CreateSpec = {image: str('image', b.image, {min: 2, max: 255}), nets: [], mounts: []}
  const has = (k: string): boolean => b[k] !== undefined && b[k] !== null

  if (has('name')) spec.name = validateName(b.name)
  if (has('command')) {
    if (atLeast(v, 20)) spec.command = stringList('command', b.command)
    else {
      const raw = str('command', b.command)
      try {
        spec.command = shlexSplit(raw)
      } catch (err) {
        throw errors.invalidValue(`Invalid command ${raw}: ${(err as Error).message}`)
      }
    }
  }
  if (has('entrypoint')) spec.entrypoint = stringList('entrypoint', b.entrypoint)
  if (has('cpu')) spec.cpu = validateCpu(b.cpu)
  if (has('memory')) spec.memory = validateMemory(b.memory)
  if (has('disk')) {
    if (typeof b.disk !== 'number' || !Number.isInteger(b.disk)) typeError('disk', b.disk, 'integer')
    const d = b.disk as number
    if (d < 1 || d > 160) fieldError('disk', d, d < 1 ? `${d} is less than the minimum of 1` : `${d} is greater than the maximum of 160`)
    spec.disk = d
  }
  if (has('workdir')) spec.workdir = str('workdir', b.workdir, {max: 255})
  if (has('environment')) spec.environment = stringMap('environment', b.environment)
  if (has('labels')) spec.labels = stringMap('labels', b.labels)
  if (has('hints')) spec.hints = stringMap('hints', b.hints)
  if (has('image_pull_policy')) {
    const p = str('image_pull_policy', b.image_pull_policy)
    if (!['never', 'always', 'ifnotpresent'].includes(p)) {
      fieldError('image_pull_policy', p, `${pyRepr(p)} is not one of ['never', 'always', 'ifnotpresent']`)
    }
    spec.imagePullPolicy = p
  }
  if (has('image_driver')) {
    const d = str('image_driver', b.image_driver)
    if (!['docker', 'glance'].includes(d)) fieldError('image_driver', d, `${pyRepr(d)} is not one of ['glance', 'docker']`)
    spec.imageDriver = d
  }
  if (has('restart_policy')) spec.restartPolicy = validateRestartPolicy(b.restart_policy)
  if (has('interactive')) spec.interactive = bool('interactive', b.interactive)
  if (has('tty')) spec.tty = bool('tty', b.tty)
  if (has('security_groups')) spec.securityGroups = stringList('security_groups', b.security_groups)
  if (has('nets')) spec.nets = validateNets(b.nets)
  if (has('runtime')) spec.runtime = str('runtime', b.runtime, {min: 1, max: 255})
  if (has('hostname')) spec.hostname = str('hostname', b.hostname, {min: 1, max: 255, pattern: /^[a-zA-Z0-9-._]*$/})
  if (has('auto_remove')) spec.autoRemove = bool('auto_remove', b.auto_remove)
  if (has('auto_heal')) spec.autoHeal = bool('auto_heal', b.auto_heal)
  if (has('privileged')) spec.privileged = bool('privileged', b.privileged)
  if (has('mounts')) spec.mounts = validateMounts(b.mounts)
  if (has('availability_zone')) spec.availabilityZone = str('availability_zone', b.availability_zone, {min: 1, max: 255})
  if (has('healthcheck')) spec.healthcheck = validateHealthcheck(b.healthcheck)
  if (has('exposed_ports')) spec.exposedPorts = validateExposedPorts(b.exposed_ports)
  if (has('cpu_policy')) {
    const p = str('cpu_policy', b.cpu_policy)
    if (!['shared', 'dedicated'].includes(p)) fieldError('cpu_policy', p, `${pyRepr(p)} is not one of ['shared', 'dedicated']`)
    spec.cpuPolicy = p
  }
  if (has('registry')) spec.registry = str('registry', b.registry, {min: 1, max: 255})
  if (has('host')) spec.host = str('host', b.host, {min: 1, max: 255})
  if (spec.securityGroups && spec.exposedPorts) {
    throw errors.invalidValue('security_groups and exposed_ports cannot be specified together.')
  }

  // Fields newer than the requested version (present at all, even false/empty: OSC always sends
  // auto_remove and mounts, so OSC create fails below 1.3 as with the real server).
  for (const [key, minor] of PARAM_VERSIONS) {
    if (b[key] !== undefined && !atLeast(v, minor)) {
      throw errors.invalidParamInVersion(key, formatVersion(v), `1.${minor}`)
    }
  }
  return spec
}


export function validatePatchBody(body: unknown, v: Version): PatchSpec {
  if (!isObject(body)) typeError('', body, 'object')
  const b = body as Record<string, unknown>
  checkAdditional(b, ['cpu', 'memory', 'name', 'auto_heal'])
  const out: PatchSpec = {}
  if (b.cpu !== undefined) out.cpu = validateCpu(b.cpu)
  if (b.memory !== undefined) out.memory = validateMemory(b.memory)
  if (b.name !== undefined) {
    if (!atLeast(v, 14)) throw errors.invalidParamInVersion('name', formatVersion(v), '1.14')
    out.name = validateName(b.name)
  }
  if (b.auto_heal !== undefined) out.autoHeal = bool('auto_heal', b.auto_heal)
  if (Object.keys(out).length === 0) throw errors.invalidValue('Request body is empty: at least one property is required.')
  return out
}
