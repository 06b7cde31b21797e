import {Flags} from '@oclif/core'

import {ApiCommand} from '../src/cli/api-command.js'
import {projectFlag} from '../src/cli/flags.js'
import {UsageError} from '../src/core/errors.js'

/** Clears a terminal and puts the cursor at its top left (for --watch). */
const HOME_AND_CLEAR = '\u001B[H\u001B[2J'

export default class Overview extends ApiCommand<typeof Overview> {
  static override summary = "One screen of a project's resources and quota use in every region, and in total"
  static override description =
    'Per region and in total: networks, subnets, ports, routers and security groups; images by status and disk ' +
    'format; containers by status with the cpu and memory they hold; load balancers by provisioning and operating ' +
    'status; Tricircle pods; the quota uses nearest their limit (marked ! at 80% and !! at 100% or more); and the ' +
    "latency of each service (its quickest call). Every read runs at once: one list call per resource type and " +
    'region. A region or service that fails is named on stderr and the exit code is 3. --watch SECONDS redraws it ' +
    'in place at a terminal (Ctrl-C ends it).'
  static override examples = ['<%= config.bin %> overview', '<%= config.bin %> overview --region RegionOne --region RegionTwo --json', '<%= config.bin %> overview --watch 10']
  static override flags = {
    region: Flags.string({description: 'Region to show (repeatable; default: every region of the cloud)', multiple: true, multipleNonGreedy: true}),
    ...projectFlag("Project (name or ID); default: the token's project"),
    watch: Flags.integer({description: 'Refresh every SECONDS (in place at a terminal) until Ctrl-C', min: 1, exclusive: ['json']}),
  }

  async run() {
    const [{gatherOverview}, {checkRegions}, {projectScope}, {overviewView}, {renderList}, {setTimeout: wait}] = await Promise.all([
      import('../src/orchestration/overview.js'),
      import('../src/orchestration/region-targets.js'),
      import('../src/orchestration/project-scope.js'),
      import('../src/views/overview.js'),
      import('../src/output/index.js'),
      import('node:timers/promises'),
    ])
    const f = this.flags
    if (f.watch && this.jsonEnabled()) throw new UsageError('--watch redraws a screen for people; for scripts run --json at your own interval')
    const session = await this.session()
    await checkRegions(session, f.region ?? [])
    const [project, token] = await Promise.all([projectScope(session, f.project), session.tokenData()])
    for (;;) {
      const o = await gatherOverview(session, {project, ownProject: project.id === token.projectId, regions: f.region?.length ? [...new Set(f.region)] : undefined})
      const failures = o.regions.flatMap((r) => r.failures.map((x) => ({region: r.region, ...x})))
      if (!this.jsonEnabled()) {
        const v = overviewView(o)
        const title = `Project ${project.name ?? project.id} (${project.id}) at ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`
        const failed = failures.map((x) => `${x.region}: ${x.what} failed: ${x.error.message}`)
        const screen = `${title}\n${renderList(v.headers, v.rows, 'table', {terminalWidth: process.stdout.columns})}`
        if (f.watch) {
          // At a terminal the screen is redrawn in place; into a pipe or file, each refresh follows the last.
          const top = process.stdout.isTTY ? HOME_AND_CLEAR : ''
          process.stdout.write(`${top}${screen}${failed.map((l) => `! ${l}\n`).join('')}\n`)
        } else {
          this.say(screen.trimEnd())
        }
      }
      if (!f.watch) {
        this.reportRegionFailures(failures.map((x) => ({region: x.region, error: new Error(`${x.what}: ${x.error.message}`)})))
        return {
          ...o,
          regions: o.regions.map((r) => ({...r, failures: r.failures.map((x) => ({service: x.service, what: x.what, message: x.error.message}))})),
        }
      }
      await wait(f.watch * 1000, undefined, {signal: this.interrupt.signal})
    }
  }
}
