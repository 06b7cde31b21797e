import type {Command} from '@oclif/core'
import type {ServiceClient} from '../http/service-client.js'
import type {InferredFlags} from './base-command.js'

import {ApiCommand} from './api-command.js'
import {containerApiVersionFlag} from './flags.js'

/** A command that calls Zun: `--os-container-api-version`, and the client speaking it. */
export abstract class ZunCommand<T extends typeof Command> extends ApiCommand<T> {
  static override baseFlags = {...ApiCommand.baseFlags, ...containerApiVersionFlag}

  declare protected flags: InferredFlags<typeof ZunCommand.baseFlags, T>

  /**
   * The Zun client of `region` (the session's own when undefined), at `version` (by default
   * `--os-container-api-version`; negotiated with the server when that is 1, 1.latest or unset).
   */
  protected async zun(region?: string, version: string | undefined = this.flags['os-container-api-version']): Promise<ServiceClient> {
    const {zunClient} = await import('../clients/zun/client.js')
    return zunClient(await this.session(), region, version)
  }
}
