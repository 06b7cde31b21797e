import type {TagFilters} from '../core/tags.js'

import {Flags} from '@oclif/core'

import {MAX_TIMEOUT_S} from '../http/timeouts.js'
import {GLOBAL_HELP_GROUPS} from './argv.js'

// The help groups say which options are global: argv.ts accepts these anywhere on the line.
const GLOBAL = GLOBAL_HELP_GROUPS[0]
const OPENSTACK = `${GLOBAL_HELP_GROUPS[1]} (flag > OS_* variable > --os-cloud/--profile > default profile)`

/** Flags every mrctl command has. */
export const commonFlags = {
  debug: Flags.boolean({description: 'Print each HTTP request and response to stderr (secrets redacted)', helpGroup: GLOBAL}),
  'no-input': Flags.boolean({description: 'Never prompt; fail naming the missing flags instead', helpGroup: GLOBAL}),
}

/** The `openstack` global options, with the same names (`OS_*` read by the resolver, not by oclif). */
export const openstackFlags = {
  'os-cloud': Flags.string({description: 'Cloud in clouds.yaml, or mrctl profile (Env: OS_CLOUD)', helpGroup: OPENSTACK}),
  profile: Flags.string({description: 'mrctl region profile to use (see: mrctl profile list)', helpGroup: OPENSTACK}),
  'os-region-name': Flags.string({description: 'Region to call (Env: OS_REGION_NAME)', helpGroup: OPENSTACK}),
  'os-auth-url': Flags.string({description: 'Keystone URL (Env: OS_AUTH_URL)', helpGroup: OPENSTACK}),
  'os-auth-type': Flags.string({
    description: 'password, v3applicationcredential or token (Env: OS_AUTH_TYPE)',
    helpGroup: OPENSTACK,
  }),
  'os-username': Flags.string({description: 'User name (Env: OS_USERNAME)', helpGroup: OPENSTACK}),
  'os-password': Flags.string({description: 'Password (Env: OS_PASSWORD)', helpGroup: OPENSTACK}),
  'os-project-name': Flags.string({description: 'Project name (Env: OS_PROJECT_NAME)', helpGroup: OPENSTACK}),
  'os-project-id': Flags.string({description: 'Project ID (Env: OS_PROJECT_ID)', helpGroup: OPENSTACK}),
  'os-user-domain-name': Flags.string({description: 'User domain name (Env: OS_USER_DOMAIN_NAME)', helpGroup: OPENSTACK}),
  'os-project-domain-name': Flags.string({
    description: 'Project domain name (Env: OS_PROJECT_DOMAIN_NAME)',
    helpGroup: OPENSTACK,
  }),
  'os-application-credential-id': Flags.string({
    description: 'Application credential ID (Env: OS_APPLICATION_CREDENTIAL_ID)',
    helpGroup: OPENSTACK,
  }),
  'os-application-credential-secret': Flags.string({
    description: 'Application credential secret (Env: OS_APPLICATION_CREDENTIAL_SECRET)',
    helpGroup: OPENSTACK,
  }),
  'os-token': Flags.string({description: 'An existing token (Env: OS_TOKEN)', helpGroup: OPENSTACK}),
  'os-interface': Flags.string({
    description: 'Endpoint interface (Env: OS_INTERFACE)',
    options: ['public', 'internal', 'admin'],
    helpGroup: OPENSTACK,
  }),
  'os-cacert': Flags.string({description: 'CA bundle to verify TLS with (Env: OS_CACERT)', helpGroup: OPENSTACK}),
  insecure: Flags.boolean({description: 'Do not verify TLS certificates (a warning is printed)', helpGroup: OPENSTACK}),
  timeout: Flags.integer({
    description: 'Seconds --wait may take in all (default 300)',
    min: 1,
    max: MAX_TIMEOUT_S,
    helpGroup: GLOBAL,
  }),
  'http-timeout': Flags.integer({
    description: 'Seconds each API call may take, retries included; for uploads and downloads, the longest silence (default 60; Env: MRCTL_HTTP_TIMEOUT)',
    min: 1,
    max: MAX_TIMEOUT_S,
    helpGroup: GLOBAL,
  }),
}

/** Fan-out for list commands. */
export const regionFlags = {
  region: Flags.string({description: 'Region to list (repeatable); adds a Region column when several', multiple: true, multipleNonGreedy: true}),
  'all-regions': Flags.boolean({description: 'List every region of the cloud in parallel, with a Region column', exclusive: ['region']}),
}

const OUTPUT = 'OUTPUT FORMATTERS'

export const listOutputFlags = {
  format: Flags.string({char: 'f', description: 'Output format', options: ['table', 'json', 'yaml', 'value', 'csv'], default: 'table', helpGroup: OUTPUT}),
  column: Flags.string({char: 'c', description: 'Column to show (repeatable)', multiple: true, multipleNonGreedy: true, helpGroup: OUTPUT}),
  noindent: Flags.boolean({description: 'json: no indentation', helpGroup: OUTPUT}),
  'max-width': Flags.integer({description: 'table: maximum width (0: no limit)', min: 0, helpGroup: OUTPUT}),
  'fit-width': Flags.boolean({description: 'table: fit to the terminal width', helpGroup: OUTPUT}),
  'print-empty': Flags.boolean({description: 'table: print the header frame when there is no row', helpGroup: OUTPUT}),
  'sort-column': Flags.string({description: 'Sort by this column (repeatable)', multiple: true, multipleNonGreedy: true, helpGroup: OUTPUT}),
  'sort-ascending': Flags.boolean({description: 'Sort ascending (the default)', exclusive: ['sort-descending'], helpGroup: OUTPUT}),
  'sort-descending': Flags.boolean({description: 'Sort descending', exclusive: ['sort-ascending'], helpGroup: OUTPUT}),
  quote: Flags.string({description: 'csv: when to quote', options: ['all', 'minimal', 'none', 'nonnumeric'], default: 'nonnumeric', helpGroup: OUTPUT}),
}

export const showOutputFlags = {
  format: Flags.string({char: 'f', description: 'Output format', options: ['table', 'json', 'yaml', 'value', 'shell'], default: 'table', helpGroup: OUTPUT}),
  column: Flags.string({char: 'c', description: 'Field to show (repeatable)', multiple: true, multipleNonGreedy: true, helpGroup: OUTPUT}),
  noindent: Flags.boolean({description: 'json: no indentation', helpGroup: OUTPUT}),
  prefix: Flags.string({description: 'shell: prefix for variable names', default: '', helpGroup: OUTPUT}),
  'max-width': Flags.integer({description: 'table: maximum width (0: no limit)', min: 0, helpGroup: OUTPUT}),
  'fit-width': Flags.boolean({description: 'table: fit to the terminal width', helpGroup: OUTPUT}),
  'print-empty': Flags.boolean({description: 'table: print the frame when empty', helpGroup: OUTPUT}),
}

/** Zun microversion, as python-zunclient's global option (negotiated when 1 or 1.latest). */
export const containerApiVersionFlag = {
  'os-container-api-version': Flags.string({
    // oclif adds "[env: OS_CONTAINER_API_VERSION]" itself (the variable was listed twice).
    description: 'Zun API microversion: 1, 1.latest (negotiate, the default) or 1.1…1.40',
    env: 'OS_CONTAINER_API_VERSION',
    helpGroup: OPENSTACK,
  }),
}

// --- helpers for the flags that recur across commands (python-openstackclient's parser helpers) ---

const commaList = Flags.custom<string[]>({parse: async (s) => s.split(',')})

/** osc-lib's `add_tag_filtering_option_to_parser`: `--tags`, `--any-tags`, `--not-tags`, `--not-any-tags` (comma-separated). */
export function tagFilterFlags(nouns: string) {
  return {
    tags: commaList({description: `List ${nouns} which have all given tag(s) (comma-separated)`}),
    'any-tags': commaList({description: `List ${nouns} which have any given tag(s) (comma-separated)`}),
    'not-tags': commaList({description: `Exclude ${nouns} which have all given tag(s) (comma-separated)`}),
    'not-any-tags': commaList({description: `Exclude ${nouns} which have any given tag(s) (comma-separated)`}),
  }
}

/** The tag filters given, as the clients take them. */
export function tagFiltersOf(f: {tags?: string[]; 'any-tags'?: string[]; 'not-tags'?: string[]; 'not-any-tags'?: string[]}): TagFilters {
  return {tags: f.tags, anyTags: f['any-tags'], notTags: f['not-tags'], notAnyTags: f['not-any-tags']}
}

/**
 * osc-lib's `add_tag_option_to_parser_for_create` / `_for_set`: `--tag` (repeatable, one value
 * each) and `--no-tag` (create: exclusive with `--tag`; set: clears the current tags first).
 */
export function tagSetFlags(noun: string, verb: 'create' | 'set') {
  return verb === 'create'
    ? {
        tag: Flags.string({description: `Tag to be added to the ${noun} (repeatable)`, multiple: true, multipleNonGreedy: true, exclusive: ['no-tag']}),
        'no-tag': Flags.boolean({description: `No tags associated with the ${noun}`, exclusive: ['tag']}),
      }
    : {
        tag: Flags.string({description: `Tag to be added to the ${noun} (repeatable)`, multiple: true, multipleNonGreedy: true}),
        'no-tag': Flags.boolean({description: `Clear tags associated with the ${noun}. Specify both --tag and --no-tag to overwrite current tags`}),
      }
}

/**
 * `--enable` / `--disable` (exclusive): for a create (enabled by default), a set, or a list
 * filter. `texts` replaces the descriptions where the upstream client words them its own way.
 */
export function enableDisableFlags(noun: string, verb: 'create' | 'set' | 'list', texts?: {enable: string; disable: string}) {
  const plural = noun.endsWith('s') ? noun : `${noun}s`
  const words = texts ?? {
    create: {enable: `Enable ${noun} (default)`, disable: `Disable ${noun}`},
    set: {enable: `Enable ${noun}`, disable: `Disable ${noun}`},
    list: {enable: `List enabled ${plural}`, disable: `List disabled ${plural}`},
  }[verb]
  return {
    enable: Flags.boolean({description: words.enable, exclusive: ['disable']}),
    disable: Flags.boolean({description: words.disable, exclusive: ['enable']}),
  }
}

/** true for `--enable`, false for `--disable`, undefined for neither. */
export function enabledOf(f: {enable?: boolean; disable?: boolean}): boolean | undefined {
  return f.enable ? true : f.disable ? false : undefined
}

/** `--project` (name or ID, looked up in Keystone by `ApiCommand.projectId`; Octavia takes an ID as it is). */
export function projectFlag(description: string) {
  return {project: Flags.string({description})}
}

function pagingFlags(noun: string, nouns: string, onePage: boolean) {
  return onePage
    ? {
        limit: Flags.integer({description: `Show one page of at most this many ${nouns}`, helpValue: `<num-${nouns}>`}),
        marker: Flags.string({description: `Start after the ${noun} with this ID`, helpValue: `<${noun}>`}),
      }
    : {
        marker: Flags.string({description: `The last ${noun} UUID of the previous page; displays list of ${nouns} after "marker".`}),
        limit: Flags.integer({description: `Maximum number of ${nouns} to return`, min: 1}),
      }
}

function sortFlags() {
  return {
    'sort-key': Flags.string({description: 'Column to sort results by'}),
    'sort-dir': Flags.option({description: 'Direction to sort. "asc" or "desc".', options: ['desc', 'asc'] as const})(),
  }
}

/**
 * `--marker` and `--limit` of the marker-paged lists, in python-zunclient's words, with
 * `--sort-key`/`--sort-dir` where the server sorts (Zun); `onePage`: python-tricircleclient's
 * words, where `--limit` shows one page.
 */
export function markerPaginationFlags(noun: string, nouns: string, opts: {sort: true}): ReturnType<typeof pagingFlags> & ReturnType<typeof sortFlags>
export function markerPaginationFlags(noun: string, nouns: string, opts?: {onePage?: boolean}): ReturnType<typeof pagingFlags>
export function markerPaginationFlags(noun: string, nouns: string, opts: {sort?: boolean; onePage?: boolean} = {}) {
  const paging = pagingFlags(noun, nouns, Boolean(opts.onePage))
  return opts.sort ? {...paging, ...sortFlags()} : paging
}

/** The paging flags given, as the clients take them. */
export function markerPageOf(f: {marker?: string; limit?: number; 'sort-key'?: string; 'sort-dir'?: 'asc' | 'desc'}) {
  return {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir']}
}

/** `-f <file>`: the topology file of the `topology` commands. */
export const topologyFileFlag = {
  file: Flags.string({char: 'f', description: 'Topology file (YAML)', required: true, helpValue: '<file>'}),
}
