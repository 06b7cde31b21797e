import type {Command} from '@oclif/core'
import type {ServiceClient} from '../http/service-client.js'

import {ApiCommand} from './api-command.js'

/** A command that calls the Tricircle admin API (`multiregion networking …`) of the central region. */
export abstract class TricircleCommand<T extends typeof Command> extends ApiCommand<T> {
  protected async tricircle(): Promise<ServiceClient> {
    return (await this.session()).client('tricircle')
  }
}
