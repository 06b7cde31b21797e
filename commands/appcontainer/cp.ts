import {Args} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {UsageError} from '../../src/core/errors.js'

export default class AppcontainerCp extends ZunCommand<typeof AppcontainerCp> {
  static override summary = 'Copy files/tars between a container and the local filesystem.'
  static override description =
    'container:src_path dest_dir unpacks the file or folder into the local folder (created if missing); ' +
    'src_path container:dest_dir packs the local file or folder and unpacks it into the container’s folder. ' +
    'Allowed in Created, Paused, Running and Stopped.'
  static override examples = [
    '<%= config.bin %> appcontainer cp --os-region-name RegionOne web:/etc/hostname ./out',
    '<%= config.bin %> appcontainer cp --os-region-name RegionOne ./app.conf web:/etc',
  ]
  static override args = {
    source: Args.string({description: 'The source: [container:]src_path.', required: true}),
    destination: Args.string({description: 'The destination folder: [container:]dest_path.', required: true}),
  }

  async run() {
    const [{splitContainerPath}, {copyFromContainer, copyToContainer}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/clients/zun/copy.js'),
    ])
    const {source, destination} = this.args
    const from = splitContainerPath(source)
    const to = from ? undefined : splitContainerPath(destination)
    if (!from && !to) {
      throw new UsageError('Please check the parameters for zun copy!', [
        `${this.config.bin} appcontainer cp container:src_path dest_path`,
        `${this.config.bin} appcontainer cp src_path container:dest_path`,
      ])
    }
    if ((from && !from.container) || (to && !to.container) || (from && !from.path) || (to && !to.path)) {
      throw new UsageError(`a container and a path are needed on both sides of the colon: ${from ? source : destination}`)
    }
    const zc = await this.zun()
    const res = from
      ? await copyFromContainer(zc, from.container, from.path, destination)
      : await copyToContainer(zc, source, to!.container, to!.path)
    for (const s of res.skipped) this.warn(`not extracted (neither a file nor a folder): ${s}`)
    return res
  }
}
