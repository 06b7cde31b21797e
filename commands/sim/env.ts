import {Flags} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {MrctlError} from '../../src/core/errors.js'

export default class SimEnv extends MrctlCommand<typeof SimEnv> {
  static override summary = 'Print the shell variables that point openstack and mrctl at the simulator'
  static override description = 'For eval: export OS_CLOUD=sim OS_CLIENT_CONFIG_FILE=<the sim clouds.yaml>. --demo picks the non-admin user.'
  static override examples = ['eval "$(<%= config.bin %> sim env)"', 'eval "$(<%= config.bin %> sim env --demo)"']
  static override flags = {
    demo: Flags.boolean({description: 'The demo user (member of project demo) instead of admin'}),
  }

  async run() {
    const {requireRunning} = await import('../../src/sim/daemon.js')
    const record = await requireRunning()
    if (!record.clouds_file) throw new MrctlError('the running simulator serves emulators over a real cloud: use that cloud', {actions: [`OS_CLOUD=${record.cloud}`]})
    const cloud = this.flags.demo ? `${record.cloud}-demo` : record.cloud!
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
    this.say(`export OS_CLOUD=${quote(cloud)} OS_CLIENT_CONFIG_FILE=${quote(record.clouds_file)}`)
    return {OS_CLOUD: cloud, OS_CLIENT_CONFIG_FILE: record.clouds_file}
  }
}
