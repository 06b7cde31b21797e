import type {Command} from '@oclif/core'
import type {Session} from '../auth/session.js'
import type {GlobalOptions} from '../profiles/resolve.js'
import type {MrctlError} from '../core/errors.js'
import type {ListView} from '../views/common.js'
import type {InferredFlags} from './base-command.js'

import {timeoutSeconds} from '../http/timeouts.js'
import {MrctlCommand} from './base-command.js'
import {openstackFlags} from './flags.js'
import {createSession} from './session-factory.js'

/** A command that calls OpenStack: the `openstack` global options, and a lazily built session. */
export abstract class ApiCommand<T extends typeof Command> extends MrctlCommand<T> {
  static override baseFlags = {...MrctlCommand.baseFlags, ...openstackFlags}

  declare protected flags: InferredFlags<typeof ApiCommand.baseFlags, T>
  private sessionPromise?: Promise<Session>

  /** A name not found here that exists in another region of the profile gets a hint naming it. */
  override async catch(err: Error & {oclif?: {exit?: number}; code?: string}): Promise<unknown> {
    if (this.sessionPromise && !this.interrupt.interrupted) {
      try {
        await this.hintOtherRegions(err)
      } catch {
        // The hint is a courtesy: the error is reported as it is.
      }
    }
    return super.catch(err)
  }

  private async hintOtherRegions(err: Error): Promise<void> {
    const [{elsewhereHint, findElsewhere, lookupFor}, {ItemsFailedError}] = await Promise.all([
      import('../orchestration/elsewhere.js'),
      import('../orchestration/each.js'),
    ])
    const errors = err instanceof ItemsFailedError ? err.failed.map((f) => f.error) : [err]
    const lookups = errors.map((e) => lookupFor(e)).filter((l) => l !== undefined)
    if (lookups.length === 0) return
    const session = await this.sessionPromise!
    for (const lookup of lookups.slice(0, 3)) {
      const found = await findElsewhere(session, lookup, session.config.region)
      if (found.length) (err as MrctlError).actions?.push(elsewhereHint(lookup, found))
    }
  }

  protected session(): Promise<Session> {
    this.sessionPromise ??= createSession(this.globalOptions(), {
      debug: this.flags.debug,
      noInput: this.flags['no-input'],
      timeoutSeconds: this.flags['http-timeout'] ?? timeoutSeconds(process.env.MRCTL_HTTP_TIMEOUT, 'MRCTL_HTTP_TIMEOUT'),
      version: this.config.version,
      warn: (m) => this.warn(m),
      secrets: this.secrets,
      // A Retry-After (or backoff) wait shows on the spinner, at a terminal.
      onRetryWait: (seconds, reason) => this.progress(`a retry (${reason})`, `next try in ${Math.ceil(seconds)} s`),
    })
    return this.sessionPromise
  }

  /**
   * Every regional list: `--region R` (repeatable) or `--all-regions` lists the regions in parallel
   * with a Region column; a region that fails is reported on stderr and the exit code is 3; without
   * them, the session's region. `list` gets the region (undefined: the session's own), `view` makes
   * one region's rows.
   */
  protected async listAcrossRegions<I>(
    serviceType: string,
    list: (region: string | undefined) => Promise<I[]>,
    view: (items: I[]) => ListView,
  ): Promise<Array<Record<string, unknown>>> {
    const [{listInRegionsBy}, {regionalListView}] = await Promise.all([import('../orchestration/regions.js'), import('../views/common.js')])
    const f = this.flags as {region?: string[]; 'all-regions'?: boolean}
    const res = await listInRegionsBy(await this.session(), serviceType, {regions: f.region, all: f['all-regions']}, list)
    this.reportRegionFailures(res.failures)
    const v = regionalListView(res.items, res.multi, view)
    return this.printList(v.headers, v.rows, v.human)
  }

  /** For Octavia waits: the interrupt signal, and the spinner told each provisioning_status. */
  protected lbTiming(): {signal: AbortSignal; progress: (what: string, status: string) => void} {
    return {signal: this.interrupt.signal, progress: this.progress}
  }

  /** What `deleteLbChildren` needs from the command (listener and pool delete). */
  protected lbChildDeletion(wait: boolean) {
    return {
      wait,
      timeoutMs: this.waitTimeoutMs(),
      warn: (m: string) => this.warn(m),
      report: (line: string) => this.logToStderr(line),
      interrupt: this.interrupt,
      timing: this.lbTiming(),
    }
  }

  /** The Keystone ID of a `--project` (name or ID: osc-lib's find_resource); undefined when not given. */
  protected async projectId(nameOrId: string | undefined): Promise<string | undefined> {
    if (!nameOrId) return undefined
    const [{findProject}, session] = await Promise.all([import('../clients/identity/projects.js'), this.session()])
    return (await findProject(session.identityClient(), nameOrId)).id
  }

  /** How long `--wait` may take, in ms. */
  protected waitTimeoutMs(): number {
    return (this.flags.timeout ?? 300) * 1000
  }

  protected globalOptions(): GlobalOptions {
    const f = this.flags
    return {
      profile: f.profile,
      osCloud: f['os-cloud'],
      osRegionName: f['os-region-name'],
      osAuthUrl: f['os-auth-url'],
      osAuthType: f['os-auth-type'],
      osUsername: f['os-username'],
      osPassword: f['os-password'],
      osProjectName: f['os-project-name'],
      osProjectId: f['os-project-id'],
      osUserDomainName: f['os-user-domain-name'],
      osProjectDomainName: f['os-project-domain-name'],
      osApplicationCredentialId: f['os-application-credential-id'],
      osApplicationCredentialSecret: f['os-application-credential-secret'],
      osToken: f['os-token'],
      osInterface: f['os-interface'],
      osCacert: f['os-cacert'],
      insecure: f.insecure || undefined,
    }
  }
}
