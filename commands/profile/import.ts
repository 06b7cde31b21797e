import {Args, Flags} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {ConfigError, UsageError} from '../../src/core/errors.js'
import {secretStoreFlag} from './add.js'

export default class ProfileImport extends MrctlCommand<typeof ProfileImport> {
  static override summary = 'Import clouds from clouds.yaml (+ secure.yaml) as profiles, keeping their regions'
  static override examples = [
    '<%= config.bin %> profile import mycloud',
    '<%= config.bin %> profile import --all --file /etc/openstack/clouds.yaml',
    '<%= config.bin %> profile import real-openstack --as lab --secret-store file',
  ]
  static override args = {cloud: Args.string({description: 'Cloud to import (optional when the file has one cloud)'})}
  static override flags = {
    file: Flags.string({description: 'clouds.yaml to read (default: the OpenStack search path)'}),
    all: Flags.boolean({description: 'Import every cloud of the file', exclusive: ['as']}),
    as: Flags.string({description: 'Name of the new profile (default: the cloud name)'}),
    'secret-store': secretStoreFlag,
    default: Flags.boolean({description: 'Make the (first) imported profile the default'}),
    force: Flags.boolean({description: 'Replace profiles of the same name'}),
  }

  async run() {
    const [{loadCloudsYaml}, {ProfileStore}, {secretStore}, {saveProfile, splitSecrets}] = await Promise.all([
      import('../../src/profiles/clouds-yaml.js'),
      import('../../src/profiles/store.js'),
      import('../../src/profiles/secrets.js'),
      import('../../src/profiles/manage.js'),
    ])
    const f = this.flags
    const file = await loadCloudsYaml({file: f.file})
    if (!file) throw new ConfigError('no clouds.yaml was found', ['give one with --file, or set OS_CLIENT_CONFIG_FILE'])
    const names = Object.keys(file.clouds)
    let chosen: string[]
    if (f.all) chosen = names
    else if (this.args.cloud) {
      if (!file.clouds[this.args.cloud]) {
        throw new ConfigError(`Cloud ${this.args.cloud} was not found in ${file.path}.`, [`clouds there: ${names.join(', ')}`])
      }
      chosen = [this.args.cloud]
    } else if (names.length === 1) chosen = names
    else throw new UsageError(`${file.path} has ${names.length} clouds: name one, or use --all`, [`clouds: ${names.join(', ')}`])
    const kind = f['secret-store'] as 'keychain' | 'file' | 'none'
    const store = new ProfileStore()
    const existing = await store.names()
    const clash = chosen.map((c) => (f.as && chosen.length === 1 ? f.as : c)).filter((n) => existing.includes(n))
    if (clash.length && !f.force) {
      throw new ConfigError(`profile ${clash.join(', ')} already exists`, ['replace with --force, or pick another name with --as'])
    }
    const imported: string[] = []
    for (const [i, cloud] of chosen.entries()) {
      const name = f.as && chosen.length === 1 ? f.as : cloud
      const {entry, secret} = splitSecrets(file.clouds[cloud])
      this.secrets.push(secret?.value)
      await saveProfile(store, secretStore(kind), name, entry, secret, {
        overwrite: f.force,
        makeDefault: f.default && i === 0,
        secretStore: kind,
      })
      imported.push(name)
      this.say(`Imported ${cloud} from ${file.path} as profile ${name} (secret: ${secret ? kind : 'none given'}).`)
    }
    for (const w of file.warnings) this.warn(w)
    return {imported, file: file.path}
  }
}
