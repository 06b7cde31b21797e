import type {Command} from '@oclif/core'
import type {ServiceClient} from '../../src/http/service-client.js'
import type {CONTAINER_ITEM_MESSAGES} from '../../src/views/zun-container.js'

import {Args} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'

/**
 * The commands taking `<container> [<container> ...]` (start, stop, restart, pause, unpause, kill,
 * delete, rebuild): one request per container, zunclient's line for each, then — unlike
 * zunclient, which exited 0 — "N of M containers failed to <verb>." and exit 3 if some were done, 1 if none.
 */
export abstract class ContainerItemsCommand<T extends typeof Command> extends ZunCommand<T> {
  static override strict = false

  /**
   * A warning when the container was never scheduled: Zun accepted the action, but nothing will
   * happen. The action was accepted either way, so a failing check only loses the warning.
   */
  protected async unscheduledWarning(zc: ServiceClient, ref: string, verb: string): Promise<string | undefined> {
    const {unscheduledContainer, unscheduledWarning} = await import('../../src/clients/zun/actions.js')
    const c = await unscheduledContainer(zc, ref).catch(() => undefined)
    if (!c) return undefined
    const w = unscheduledWarning(c, verb)
    return `${w.message}. To fix: ${w.actions.join('; ')}`
  }

  /**
   * For each container: `request`, then the "accepted" line, then `wait` if given (its line
   * printed on success), else `check` if given (a warning it returns goes to stderr). A failure
   * prints zunclient's "<Verb> for container X failed: …" on stderr.
   */
  protected async eachContainer(
    kind: keyof typeof CONTAINER_ITEM_MESSAGES,
    request: (ref: string) => Promise<unknown>,
    wait?: (ref: string) => Promise<string>,
    check?: (ref: string) => Promise<string | undefined>,
  ): Promise<{accepted: string[]}> {
    const [{allTimedOut, forEachItem}, {CONTAINER_ITEM_MESSAGES: messages}] = await Promise.all([
      import('../../src/orchestration/each.js'),
      import('../../src/views/zun-container.js'),
    ])
    const m = messages[kind]
    let failure = ''
    try {
      const res = await forEachItem(
        this.variadicArgs(),
        async (ref) => {
          try {
            await request(ref)
            this.say(m.accepted(ref))
            if (wait) this.say(await wait(ref))
            else if (check) {
              const warning = await check(ref)
              if (warning) this.warn(warning)
            }
          } catch (error) {
            failure = m.failed(ref, (error as Error).message)
            throw error
          }
          return ref
        },
        () => this.logToStderr(failure),
        {thing: 'container', verb: kind, interrupt: this.interrupt},
      )
      return {accepted: res.done.map((d) => d.item)}
    } catch (error) {
      // When nothing was done and every failure is a --wait that ran out of time, the exit code says so (4).
      throw allTimedOut(error)
    }
  }
}

export default class AppcontainerStart extends ContainerItemsCommand<typeof AppcontainerStart> {
  static override summary = 'Start specified container'
  static override description = 'Allowed in Created, Stopped and Error; each container that fails is reported and the command exits 3 (1 when none succeeded).'
  static override examples = ['<%= config.bin %> appcontainer start --os-region-name RegionOne web web2']
  static override args = {container: Args.string({description: 'ID or name of the (container)s to start.', required: true})}

  async run() {
    const {startContainer} = await import('../../src/clients/zun/actions.js')
    const zc = await this.zun()
    return this.eachContainer('start', (ref) => startContainer(zc, ref), undefined, (ref) => this.unscheduledWarning(zc, ref, 'start'))
  }
}
