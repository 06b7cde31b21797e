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
