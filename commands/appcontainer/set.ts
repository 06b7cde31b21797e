import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'
import {UsageError} from '../../src/core/errors.js'

export default class AppcontainerSet extends ZunCommand<typeof AppcontainerSet> {
  static override summary = 'Update one or more attributes of the container'
  static override description = 'Also the rename (--name). Allowed in Created, Running, Stopped and Paused.'
  static override examples = [
    '<%= config.bin %> appcontainer set --os-region-name RegionOne --name web2 web',
    '<%= config.bin %> appcontainer set --os-region-name RegionOne --cpu 2 --memory 1024 web',
  ]
  static override flags = {
    ...showOutputFlags,
    cpu: Flags.string({description: 'The number of virtual cpus.'}),
    memory: Flags.string({description: 'The container memory size in MiB'}),
    name: Flags.string({description: 'The new name of container to update'}),
    'auto-heal': Flags.boolean({description: 'Automatic recovery the status of container', exclusive: ['no-auto-heal']}),
    'no-auto-heal': Flags.boolean({description: 'Needless recovery the status of container', exclusive: ['auto-heal']}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to update.', required: true})}

  async run() {
    const f = this.flags
    const patch = {
      memory: f.memory,
      cpu: f.cpu,
      name: f.name,
      autoHeal: f['auto-heal'] ? true : f['no-auto-heal'] ? false : undefined,
    }
    if (Object.values(patch).every((v) => v === undefined)) {
      throw new UsageError('You must update at least one property', ['give --cpu, --memory, --name, --auto-heal or --no-auto-heal'])
    }
    const [{updateContainer}, {containerShowView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerShowView(await updateContainer(zc, this.args.container, patch), {flatten: false})
    return this.printShow(v.fields, v.values, v.human)
  }
}
