import {ApiCommand} from '../../src/cli/api-command.js'
import {topologyFileFlag} from '../../src/cli/flags.js'

export default class TopologyStatus extends ApiCommand<typeof TopologyStatus> {
  static override summary = 'Show each resource of a topology as the clouds have it, per region'
  static override description =
    'For every resource of the file (and every one carrying its mark that the file no longer has): whether it exists and ' +
    'is owned, its status (container status, load balancer and member provisioning/operating status), container addresses, ' +
    'member address and port, and its ID. Read-only. Exit 3 when a region could not be read.'
  static override examples = ['<%= config.bin %> topology status -f examples/cross-region-lb.yaml']
  static override flags = {
    ...topologyFileFlag,
  }

  async run() {
    const [{loadForSession, prepare}, {readFailureWarnings, statusTable}] = await Promise.all([
      import('../../src/orchestration/topology/session.js'),
      import('../../src/orchestration/topology/report.js'),
    ])
    const session = await this.session()
    const p = await prepare(session, await loadForSession(session, this.flags.file))
    const t = statusTable(p.plan)
    const rows = await this.printList(t.headers, t.rows)
    for (const w of readFailureWarnings(p.observed)) this.warn(w)
    if (p.observed.failures.length) process.exitCode = 3
    return rows
  }
}
