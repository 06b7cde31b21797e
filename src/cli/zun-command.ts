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

  /**
   * The client for `what`, a call Zun has only up to 1.<max> (the security group actions stop at
   * 1.14): at the version given if it is 1.<max> or lower, else at 1.<max>; a higher one given is a
   * usage error, before anything is sent.
   */
  protected async zunUpTo(max: number, what: string): Promise<ServiceClient> {
    const {parsePinnedVersion} = await import('../clients/zun/client.js')
    const pinned = this.flags['os-container-api-version']
    const minor = parsePinnedVersion(pinned)
    if (minor !== undefined && minor > max) {
      const {UsageError} = await import('../core/errors.js')
      throw new UsageError(`${what} exists only up to Zun API 1.${max}, not ${pinned}`, [
        `leave out --os-container-api-version (mrctl then uses 1.${max}), or give 1.${max} or lower`,
      ])
    }
    return this.zun(undefined, minor === undefined ? `1.${max}` : pinned)
  }
}
