import type {LogLine} from '../../src/orchestration/logs-merge.js'

import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {regionFlags} from '../../src/cli/flags.js'

/** How often --follow asks each region for new lines. */
const FOLLOW_POLL_MS = 2000

export default class AppcontainerLogs extends ZunCommand<typeof AppcontainerLogs> {
  static override summary = 'Get logs of a container'
  static override description =
    'Without --stdout and --stderr both are shown. Allowed in Created, Error, Paused, Running, Stopped and Unknown. ' +
    'With --all-regions (or --region, repeatable) the logs of the container of that name in each region are merged ' +
    'by time, each line prefixed with its region; a region where it does not exist is named on stderr, not an ' +
    'error (exit 3 only when a region fails). --follow keeps printing new lines (Ctrl-C ends it).'
  static override examples = [
    '<%= config.bin %> appcontainer logs --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer logs --os-region-name RegionOne --stdout --timestamps --tail 10 web',
    '<%= config.bin %> appcontainer logs web --all-regions --since 2024-05-01T10:00:00',
    '<%= config.bin %> appcontainer logs web --region RegionOne --region RegionTwo --follow',
  ]
  static override flags = {
    ...regionFlags,
    stdout: Flags.boolean({description: 'Only stdout logs of container.'}),
    stderr: Flags.boolean({description: 'Only stderr logs of container.'}),
    since: Flags.string({description: 'Show logs since a given datetime or integer epoch (in seconds).'}),
    timestamps: Flags.boolean({description: 'Show timestamps.'}),
    tail: Flags.string({description: 'Number of lines to show from the end of the logs.', default: 'all'}),
    follow: Flags.boolean({description: 'Keep printing new lines (polls every 2 s; Ctrl-C ends it)', exclusive: ['json']}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to get logs for.', required: true})}

  async run() {
    const f = this.flags
    if (f['all-regions'] || f.region?.length || f.follow) return this.merged()
    const {containerLogs} = await import('../../src/clients/zun/container-api.js')
    const zc = await this.zun()
    const logs = await containerLogs(zc, this.args.container, {
      stdout: f.stdout,
      stderr: f.stderr,
      since: f.since,
      timestamps: f.timestamps,
      tail: f.tail,
    })
    // zunclient print()s the text: a newline follows.
    this.say(logs)
    return {logs}
  }

  /** Several regions (or --follow): the lines merged by time, with a region prefix when several. */
  private async merged() {
    const [{LogFollower, RegionLogReader, formatLine, mergeByTime, requireSomewhere}, {checkRegions}, {everyRegionFailed, targetRegions}, {setTimeout: wait}] =
      await Promise.all([
        import('../../src/orchestration/logs-merge.js'),
        import('../../src/orchestration/region-targets.js'),
        import('../../src/orchestration/regions.js'),
        import('node:timers/promises'),
      ])
    const f = this.flags
    const session = await this.session()
    await checkRegions(session, f.region ?? [])
    const regions = await targetRegions(session, 'container', {regions: f.region, all: f['all-regions']})
    const prefixed = regions.length > 1 || f['all-regions']
    const width = Math.max(...regions.map((r) => r.length))
    const show = (lines: LogLine[]) => {
      if (lines.length === 0) return
      this.say(lines.map((l) => (prefixed ? formatLine(l, {width, timestamps: f.timestamps}) : `${f.timestamps && l.time ? `${l.time} ` : ''}${l.text}`)).join('\n'))
    }
    const reader = new RegionLogReader(session, this.args.container, f['os-container-api-version'])
    const base = {stdout: f.stdout, stderr: f.stderr, since: f.since}
    const first = await reader.read(regions, () => ({...base, tail: f.tail}))
    const failures = first.filter((r) => r.error).map((r) => ({region: r.region, error: r.error!}))
    if (failures.length === regions.length) throw everyRegionFailed(failures)
    requireSomewhere(this.args.container, first.filter((r) => !r.error))
    const absent = first.filter((r) => r.absent).map((r) => r.region)
    if (absent.length) this.warn(`no container ${this.args.container} in ${absent.join(', ')}`)
    this.reportRegionFailures(failures)
    const lines = mergeByTime(first.map((r) => r.lines ?? []))
    show(lines)
    if (!f.follow) {
      return {lines: lines.map((l) => ({region: l.region, time: l.time, text: l.text})), absent, failed: failures.map((x) => x.region)}
    }
    const follower = new LogFollower()
    follower.seen(lines)
    const polled = regions.filter((r) => !absent.includes(r))
    for (;;) {
      await wait(FOLLOW_POLL_MS, undefined, {signal: this.interrupt.signal})
      const next = await reader.read(polled, (region) => ({...base, since: follower.since(region) ?? f.since}))
      const fresh = follower.fresh(mergeByTime(next.map((r) => r.lines ?? [])))
      follower.seen(fresh)
      show(fresh)
    }
  }
}
