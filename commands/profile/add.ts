import {Args, Flags} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {openstackFlags} from '../../src/cli/flags.js'
import {UsageError} from '../../src/core/errors.js'

export const secretStoreFlag = Flags.string({
  description: 'Where to keep the password or secret: the OS keychain, a 0600 file (opt-in), or nowhere (give OS_PASSWORD at run time)',
  options: ['keychain', 'file', 'none'],
  default: 'keychain',
})

export default class ProfileAdd extends MrctlCommand<typeof ProfileAdd> {
  static override summary = 'Add a region profile (prompts for what is missing at a terminal)'
  static override description =
    'The profile is stored in the clouds.yaml format under the config folder (MRCTL_CONFIG_DIR moves it), mode 0600. The password or application-credential secret goes to the OS keychain unless --secret-store says otherwise.'
  static override examples = [
    '<%= config.bin %> profile add lab --os-auth-url http://127.0.0.1:5000/v3 --os-username admin --os-project-name admin --region CentralRegion --region RegionOne --region RegionTwo',
    '<%= config.bin %> profile add lab ... --endpoint RegionOne:container=http://127.0.0.1:9517/v1 --secret-store none',
  ]
  static override args = {name: Args.string({description: 'Profile name', required: true})}
  static override flags = {
    'os-auth-url': openstackFlags['os-auth-url'],
    'os-auth-type': openstackFlags['os-auth-type'],
    'os-username': openstackFlags['os-username'],
    'os-password': openstackFlags['os-password'],
    'os-user-domain-name': Flags.string({description: 'User domain name', default: 'Default'}),
    'os-project-name': openstackFlags['os-project-name'],
    'os-project-id': openstackFlags['os-project-id'],
    'os-project-domain-name': Flags.string({description: 'Project domain name', default: 'Default'}),
    'os-application-credential-id': openstackFlags['os-application-credential-id'],
    'os-application-credential-secret': openstackFlags['os-application-credential-secret'],
    'os-interface': openstackFlags['os-interface'],
    'os-cacert': openstackFlags['os-cacert'],
    insecure: openstackFlags.insecure,
    region: Flags.string({description: 'Region of the cloud (repeatable; CentralRegion is put first)', multiple: true}),
    endpoint: Flags.string({description: 'Endpoint override REGION:SERVICE=URL (repeatable)', multiple: true}),
    'secret-store': secretStoreFlag,
    default: Flags.boolean({description: 'Make it the default profile'}),
    force: Flags.boolean({description: 'Replace a profile of the same name'}),
  }

  async run() {
    const [{ProfileStore}, {secretStore}, manage, {canPrompt}] = await Promise.all([
      import('../../src/profiles/store.js'),
      import('../../src/profiles/secrets.js'),
      import('../../src/profiles/manage.js'),
      import('../../src/cli/tty.js'),
    ])
    const f = this.flags
    const name = this.args.name
    const appCred = Boolean(f['os-application-credential-id']) || /application/i.test(f['os-auth-type'] ?? '')
    const values: Record<string, string | undefined> = {
      'os-auth-url': f['os-auth-url'],
      'os-username': f['os-username'],
      'os-project-name': f['os-project-name'] ?? f['os-project-id'],
      'os-password': f['os-password'],
      'os-application-credential-id': f['os-application-credential-id'],
      'os-application-credential-secret': f['os-application-credential-secret'],
    }
    this.secrets.push(values['os-password'], values['os-application-credential-secret'])
    const required = appCred
      ? ['os-auth-url', 'os-application-credential-id', 'os-application-credential-secret']
      : ['os-auth-url', 'os-username', 'os-project-name', 'os-password']
    const secretNeeded = f['secret-store'] !== 'none'
    const secrets = secretStore(f['secret-store'] as 'keychain' | 'file' | 'none')
    const missing = required.filter((k) => !values[k] && (secretNeeded || !/password|secret/.test(k)))
    if (missing.length && canPrompt(f['no-input'])) {
      // No keychain here: say so before prompting, not after (what was typed would be lost).
      await manage.checkSecretStore(secrets)
      const {promptText, promptSecret} = await import('../../src/cli/prompts.js')
      for (const k of missing) {
        values[k] = /password|secret/.test(k) ? await promptSecret(label(k)) : await promptText(label(k))
        this.secrets.push(values[k])
      }
    } else if (missing.length) {
      throw new UsageError(`missing: ${missing.map((k) => `--${k}`).join(', ')}`, [
        'give them as flags (no terminal to prompt at, or --no-input)',
      ])
    }
    const overrides = (f.endpoint ?? []).map(manage.parseEndpointOverride)
    const entry = {
      auth_type: appCred ? 'v3applicationcredential' : 'password',
      auth: appCred
        ? {auth_url: values['os-auth-url'], application_credential_id: values['os-application-credential-id']}
        : {
            auth_url: values['os-auth-url'],
            username: values['os-username'],
            user_domain_name: f['os-user-domain-name'],
            ...(f['os-project-id'] ? {project_id: f['os-project-id']} : {project_name: values['os-project-name']}),
            project_domain_name: f['os-project-domain-name'],
          },
      regions: manage.buildRegions(f.region ?? [], overrides),
      interface: f['os-interface'] ?? 'public',
      identity_api_version: 3,
      ...(f['os-cacert'] ? {cacert: f['os-cacert']} : {}),
      ...(f.insecure ? {verify: false} : {}),
    }
    const secretValue = appCred ? values['os-application-credential-secret'] : values['os-password']
    const kind = f['secret-store'] as 'keychain' | 'file' | 'none'
    await manage.saveProfile(
      new ProfileStore(),
      secrets,
      name,
      entry,
      secretValue ? {field: appCred ? 'application_credential_secret' : 'password', value: secretValue} : undefined,
      {overwrite: f.force, makeDefault: f.default, secretStore: kind},
    )
    if (kind === 'file') this.warn(`the secret of ${name} is kept in a 0600 file, not in the OS keychain`)
    this.say(`Profile ${name} saved (secret: ${kind}).`)
    return {name, secret_store: kind}
  }
}

function label(flag: string): string {
  return flag.replace(/^os-/, '').replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())
}
