import {Args, Flags} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerRebuild extends ContainerItemsCommand<typeof AppcontainerRebuild> {
  static override summary = 'Rebuild one or more running container(s)'
  static override description =
    'Allowed in Created, Running, Stopped and Error; a running container is running again afterwards. With --wait ' +
    'each rebuild is followed until the container is Created or Running (Error fails with its status reason; ' +
    '--timeout seconds, default 300). Each container that fails is reported and the command exits 3 (1 when none succeeded).'
  static override examples = [
    '<%= config.bin %> appcontainer rebuild --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer rebuild --os-region-name RegionOne --image nginx --image-driver docker --wait web',
  ]
  static override flags = {
    image: Flags.string({description: 'The image for specified container to update.'}),
    'image-driver': Flags.string({
      description:
        'The image driver to use to update container image: "docker" (Docker Hub) or "glance" (Glance). The default value is source container\'s image driver',
    }),
    wait: Flags.boolean({description: 'Wait for rebuild to complete'}),
  }
  static override args = {container: Args.string({description: 'ID or name of the (container)s to rebuild.', required: true})}

  async run() {
    const [{rebuildContainer, unscheduledContainer, UnscheduledContainerError}, {waitForContainerStatus, ContainerStatus}] = await Promise.all([
      import('../../src/clients/zun/actions.js'),
      import('../../src/clients/zun/containers.js'),
    ])
    const f = this.flags
    const zc = await this.zun()
    return this.eachContainer(
      'rebuild',
      (ref) => rebuildContainer(zc, ref, {image: f.image, imageDriver: f['image-driver']}),
      f.wait
        ? async (ref) => {
            // A container no host ever took stays Rebuilding: say so now rather than wait it out.
            const unscheduled = await unscheduledContainer(zc, ref)
            if (unscheduled) throw new UnscheduledContainerError(unscheduled, 'rebuild')
            await waitForContainerStatus(zc, ref, {
              want: [ContainerStatus.Created, ContainerStatus.Running],
              verb: 'rebuild',
              timeoutMs: this.waitTimeoutMs(),
              signal: this.interrupt.signal,
              onPoll: (c) => this.progress(`container ${ref} to be rebuilt`, c.status),
            })
            return `rebuild container ${ref} success.`
          }
        : undefined,
      (ref) => this.unscheduledWarning(zc, ref, 'rebuild'),
    )
  }
}
