import {Args, Flags} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerDelete extends ContainerItemsCommand<typeof AppcontainerDelete> {
  static override summary = 'Delete specified container(s)'
  static override description =
    'Without flags Zun deletes only containers in Created, Error, Stopped or Dead; --stop stops a running one first ' +
    '(API 1.12+); --force (admin only by default) deletes from almost any status. With --wait each deletion is ' +
    'followed until the container is gone (--timeout seconds, default 300). Each container that fails is reported ' +
    'and the command exits 3 (1 when none was deleted).'
  static override examples = [
    '<%= config.bin %> appcontainer delete --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer delete --os-region-name RegionOne --stop --wait web web2',
  ]
  static override flags = {
    force: Flags.boolean({description: 'Force delete the container.'}),
    stop: Flags.boolean({description: 'Stop the running container first before delete.'}),
    'all-projects': Flags.boolean({description: 'Delete container(s) in all projects by name.'}),
    wait: Flags.boolean({description: 'Wait for the deletion to complete'}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container(s) to delete.', required: true})}

  async run() {
    const [{deleteContainer, waitForContainerDeleted}, {ApiError}] = await Promise.all([
      import('../../src/clients/zun/containers.js'),
      import('../../src/core/errors.js'),
    ])
    const f = this.flags
    const zc = await this.zun()
    const del = async (ref: string) => {
      try {
        await deleteContainer(zc, ref, {force: f.force, stop: f.stop, allProjects: f['all-projects']})
      } catch (error) {
        // Zun's 409 "Cannot delete container … in Running state": say how to get past it.
        if (error instanceof ApiError && error.status === 409 && /in \w+ state/.test(error.detail) && !f.force && !f.stop) {
          error.actions.push(`stop it first with --stop, or use --force: mrctl appcontainer delete --stop ${ref}`)
        }
        throw error
      }
    }
    return this.eachContainer(
      'delete',
      del,
      f.wait
        ? async (ref) => {
            await waitForContainerDeleted(zc, ref, this.waitTimeoutMs(), this.interrupt.signal, (c) =>
              this.progress(`container ${ref} to be deleted`, c?.status ?? 'Deleted'),
            )
            return `Delete for container ${ref} success.`
          }
        : undefined,
    )
  }
}
