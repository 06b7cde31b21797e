import {Flags} from '@oclif/core'

import AppcontainerCreate, {createFlags} from './create.js'

export default class AppcontainerRun extends AppcontainerCreate {
  static override summary = 'Create and run a new container'
  static override description =
    'Everything after <image> is the command, even words that look like options, so options go before the image. ' +
    'Networks, ports and security groups are given by name or ID and resolved by Zun; a bad one fails the request and ' +
    'nothing is created. With --wait the command polls until the container is Running (or Stopped, when its command ' +
    'already ended): a container that goes to Error fails with its status reason (exit 1), and the wait gives up after ' +
    '--timeout seconds (exit 4). With --interactive the terminal is attached once the container runs (type ~. to leave).'
  static override examples = [
    '<%= config.bin %> appcontainer run --os-region-name RegionOne --name web --net network=private --wait nginx',
    '<%= config.bin %> appcontainer run --os-region-name RegionOne --image-driver glance --wait cirros sh -c "echo hi; sleep 3600"',
  ]
  /** The words after the first positional are the container's command (argv.ts leaves them alone). */
  static override remainderAfter = 1
  static override flags = {
    ...createFlags,
    wait: Flags.boolean({description: 'Wait for run to complete (until Running; --timeout seconds, default 300)'}),
    host: Flags.string({description: 'Requested host to run containers. Admin only by default. (API 1.39 or above)'}),
  }

  protected override readonly runIt = true
}
