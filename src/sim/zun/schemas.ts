import {pyFloat} from '../common/python.js'
import type {Schema} from './jsonschema.js'

/**
 * zun-api's request schemas (Zed), as data: `zun/api/controllers/v1/schemas/` with the defaults of
 * zun.conf (`[DEFAULT] minimum_cpus` 0.1 … `maximum_disk` 160, `image_driver_list` glance and
 * docker). Key order is the Python dicts' (it decides which error comes first), and the schema
 * itself is printed in the error report, so the values are exactly the server's.
 */

const nonNegativeInteger = {type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 0}
const positiveInteger = {type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 1}

const TRUE_WORDS = [true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes']
const FALSE_WORDS = [false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']
const booleanExtended = {type: ['boolean', 'string'], enum: [...TRUE_WORDS, ...FALSE_WORDS]}
const boolean = {type: ['boolean', 'string'], enum: [true, 'True', 'true', false, 'False', 'false']}

const imageDriver = {type: ['string', 'null'], enum: ['glance', 'docker', null, 'None']}
const containerName = {type: ['string', 'null'], minLength: 2, maxLength: 255, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'}
const imageName = {type: 'string', minLength: 2, maxLength: 255, pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]'}
const command = {type: ['string', 'null']}
const commandList = {type: ['array', 'null']}
const entrypoint = {type: ['array', 'null']}
const autoRemove = {type: ['boolean', 'null']}
const cpu = {type: ['number', 'string', 'null'], pattern: '^[0-9]*(\\.([0-9]+))?$', minLength: 1, minimum: 0.1, maximum: pyFloat(16)}
const cpuPolicy = {type: 'string', enum: ['dedicated', 'shared']}
const memory = {type: ['string', 'integer', 'null'], minimum: 4, maximum: 8192, pattern: '^[0-9]+$'}
const disk = {type: ['string', 'integer', 'null'], minimum: 1, maximum: 160, pattern: '^[0-9]+$'}
const workdir = {type: ['string', 'null']}
const imagePullPolicy = {type: ['string', 'null'], enum: ['never', 'always', 'ifnotpresent', 'Never', 'Always', 'IfNotPresent', null]}
const labels = {type: ['object', 'null']}
const hints = {type: ['object', 'null']}
const nets = {
  type: ['array', 'null'],
  items: {
    type: 'object',
    properties: {
      network: {type: ['string'], minLength: 1, maxLength: 255},
      'v4-fixed-ip': {type: ['string'], format: 'ipv4'},
      'v6-fixed-ip': {type: ['string'], format: 'ipv6'},
      port: {type: ['string'], maxLength: 255, minLength: 1},
    },
    additionalProperties: false,
    oneOf: [{required: ['network']}, {required: ['port']}],
  },
}
const availabilityZone = {type: ['string', 'null'], minLength: 1, maxLength: 255}
const healthcheck = {
  type: ['object', 'null'],
  items: {
    type: 'object',
    properties: {
      cmd: {type: ['string'], minLength: 1, maxLength: 255},
      interval: {type: ['integer', 'null']},
      retries: {type: ['integer', 'null']},
      timeout: {type: ['integer', 'null']},
    },
    additionalProperties: false,
  },
}
const exposedPorts = {type: ['object', 'null']}
const mounts = {
  type: ['array', 'null'],
  items: {
    type: 'object',
    properties: {type: {type: ['string']}, source: {type: ['string']}, destination: {type: ['string']}, size: {type: ['string', 'integer']}},
    additionalProperties: false,
    anyOf: [{required: ['source', 'destination']}, {required: ['size', 'destination']}],
  },
}
const environment = {type: ['object', 'null'], patternProperties: {'.+': {type: ['string']}}}
/** parameter_types.py defines `hostname` twice; the second (a host name, 1–255) is the one in force. */
const hostname = {type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9-._]*$'}
const runtime = {type: ['string', 'null']}
const restartPolicy = {
  type: ['object', 'null'],
  properties: {
    Name: {type: ['string'], enum: ['no', 'always', 'on-failure', 'unless-stopped']},
    MaximumRetryCount: {type: ['integer', 'string', 'null'], minimum: 0, pattern: '^[0-9]+$'},
  },
  additionalProperties: false,
  required: ['Name'],
}
const securityGroups = {type: ['array', 'null'], items: {type: 'string', minLength: 1, maxLength: 255}}
const containerRegistry = {type: ['string'], minLength: 2, maxLength: 255, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'}
const stringPsArgs = {type: ['string'], pattern: '[a-zA-Z- ,+]*'}
const strAndInt = {type: ['string', 'integer', 'null']}
const logsSince = {type: ['string', 'integer', 'null'], pattern: '(^[0-9]*$)|([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{1,3})'}
const execId = {type: 'string', maxLength: 64, minLength: 64, pattern: '^[a-f0-9]*$'}
const execCommand = {type: ['string'], minLength: 1}

/** Linux's signals in Python 3.10's `signal.Signals` order (by number), each written the five ways Zun accepts. */
const SIGNAL_NAMES = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2',
  'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG',
  'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS', 'SIGRTMIN', 'SIGRTMAX',
]
const SIGNAL_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 64]
export const SIGNALS = [
  'None',
  ...SIGNAL_NAMES.flatMap((s, i) => [s, s.replace('SIG', ''), s.toLowerCase(), s.toLowerCase().replace('sig', ''), String(SIGNAL_NUMBERS[i])]),
]
const signal = {type: ['string', 'null'], enum: SIGNALS}

const legacyContainerProperties = {
  name: containerName,
  image: imageName,
  command,
  cpu,
  cpu_policy: cpuPolicy,
  memory,
  workdir,
  auto_remove: autoRemove,
  image_pull_policy: imagePullPolicy,
  labels,
  environment,
  restart_policy: restartPolicy,
  interactive: boolean,
  tty: boolean,
  image_driver: imageDriver,
  security_groups: securityGroups,
  hints,
  mounts,
  nets,
  runtime,
  hostname,
  disk,
  availability_zone: availabilityZone,
  auto_heal: boolean,
  privileged: boolean,
  healthcheck,
  exposed_ports: exposedPorts,
  registry: containerRegistry,
}

/** 1.1–1.19: `command` a string. */
export const legacyContainerCreate: Schema = {type: 'object', properties: legacyContainerProperties, required: ['image'], additionalProperties: false}

const containerProperties = {...legacyContainerProperties, command: commandList}

/** 1.20–1.38: `command` a list; `security_groups` and `exposed_ports` exclusive. */
export const containerCreate: Schema = {
  type: 'object',
  properties: containerProperties,
  allOf: [{required: ['image']}, {not: {required: ['security_groups', 'exposed_ports']}}],
  additionalProperties: false,
}

/** 1.39 adds `host`, 1.40 `entrypoint`. */
export const containerCreateV139: Schema = {...containerCreate, properties: {...containerProperties, host: hostname}}
export const containerCreateV140: Schema = {...containerCreate, properties: {...containerProperties, host: hostname, entrypoint}}

export const containerUpdate: Schema = {
  type: 'object',
  properties: {cpu, memory, name: containerName, auto_heal: boolean},
  additionalProperties: false,
}

const query = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Schema => ({
  type: 'object',
  properties,
  ...extra,
  additionalProperties: false,
})

export const queryCreate = query({run: booleanExtended})
export const queryRename = query({name: containerName})
export const queryDelete = query({force: booleanExtended, all_projects: booleanExtended, stop: booleanExtended})
export const queryReboot = query({timeout: nonNegativeInteger})
export const queryStop = queryReboot
export const queryLogs = query({stdout: booleanExtended, stderr: booleanExtended, timestamps: booleanExtended, tail: strAndInt, since: logsSince})
export const queryTop = query({ps_args: stringPsArgs})
export const queryResize = query({h: positiveInteger, w: positiveInteger})
export const queryExecuteResize = query({exec_id: execId, h: positiveInteger, w: positiveInteger})
export const querySignal = query({signal})
export const queryExecuteCommand = query({run: boolean, interactive: boolean, command: execCommand})
export const queryCommit = {type: 'object', properties: {repository: stringPsArgs, tag: stringPsArgs}, required: ['repository'], additionalProperties: false}
export const addSecurityGroup = query({name: {type: 'string', minLength: 1, maxLength: 255}})
export const networkDetach: Schema = {
  type: 'object',
  properties: {network: {type: 'string', minLength: 1, maxLength: 255}, port: {type: 'string', minLength: 1, maxLength: 255}},
  oneOf: [{required: ['network']}, {required: ['port']}],
  additionalProperties: false,
}
export const networkAttach: Schema = {
  type: 'object',
  properties: {
    network: {type: ['string'], minLength: 1, maxLength: 255},
    fixed_ip: {type: ['string'], oneOf: [{format: 'ipv4'}, {format: 'ipv6'}]},
    port: {type: ['string'], maxLength: 255, minLength: 1},
  },
  additionalProperties: false,
  not: {required: ['port', 'network']},
}

// ---- images

const imageId = {type: ['string', 'null'], minLength: 2, maxLength: 255, pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]'}
export const imageCreate: Schema = {
  type: 'object',
  properties: {
    image_id: imageId,
    repo: {type: 'string', minLength: 2, maxLength: 255, pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]'},
    tag: {...imageId},
    size: {type: ['string', 'integer', 'null'], pattern: '^[0-9]+[b|B|k|K|m|M|g|G]?$'},
    image_pull_policy: imagePullPolicy,
    host: {type: 'string', minLength: 2, maxLength: 255, pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]'},
  },
  required: ['repo', 'host'],
  additionalProperties: false,
}
export const querySearch = query({image_driver: imageDriver, exact_match: boolean})

// ---- services

const binary = {type: 'string', minLength: 1, maxLength: 255}
export const queryServiceEnable = query({host: hostname, binary})
export const queryServiceDisable = query({host: hostname, binary, disabled_reason: {type: 'string', minLength: 1, maxLength: 255}})
export const queryServiceForceDown = query({host: hostname, binary, forced_down: boolean})

// ---- quotas

const commonQuota = {type: ['integer', 'string'], pattern: '^-?[0-9]+$', minimum: -1}
export const quotaUpdate = query({containers: commonQuota, memory: commonQuota, cpu: commonQuota, disk: commonQuota})

// ---- registries

const registryProperties = {
  name: {type: ['string'], minLength: 2, maxLength: 255, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'},
  domain: {type: ['string'], minLength: 1},
  username: {type: ['string'], minLength: 1},
  password: {type: ['string'], minLength: 1},
}
export const registryCreate: Schema = {
  type: 'object',
  properties: {registry: {type: 'object', properties: registryProperties, additionalProperties: false, required: ['domain']}},
  required: ['registry'],
  additionalProperties: false,
}
export const registryUpdate: Schema = {
  type: 'object',
  properties: {registry: {type: 'object', properties: registryProperties, additionalProperties: false}},
  required: ['registry'],
  additionalProperties: false,
}

// ---- networks

const networkString = {type: ['string', 'null'], minLength: 2, maxLength: 255, pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]'}
export const networkCreate: Schema = {
  type: 'object',
  properties: {neutron_net_id: networkString, name: {...networkString}},
  required: ['name'],
  additionalProperties: false,
}
