import {MrctlCommand} from '../../../src/cli/base-command.js'
import {listOutputFlags} from '../../../src/cli/flags.js'

export default class SimFaultList extends MrctlCommand<typeof SimFaultList> {
  static override summary = 'List the faults of the running simulator, and the regions and services that are down'
  static override examples = ['<%= config.bin %> sim fault list']
  static override flags = {...listOutputFlags}

  async run() {
    const [{requireRunning}, {controlCall}] = await Promise.all([import('../../../src/sim/daemon.js'), import('../../../src/sim/control-client.js')])
    const r = await controlCall<{faults: Array<Record<string, unknown>>; down: string[]; down_services?: Array<{region: string; service: string}>}>(await requireRunning(), 'GET', '/faults')
    const rows = [
      ...r.down.map((region) => ['-', region, '*', '*', '*', 'down', '', '', '']),
      ...(r.down_services ?? []).map((d) => ['-', d.region, d.service, '*', '*', 'down', '', '', '']),
      ...r.faults.map((f) => [f.id, f.region ?? '*', f.service ?? '*', f.method ?? '*', f.path ?? '*', f.status ?? '', f.delayMs === undefined ? '' : `${f.delayMs}ms`, f.count ?? 'always', f.hits]),
    ]
    return this.printList(['ID', 'Region', 'Service', 'Method', 'Path', 'Status', 'Delay', 'Count', 'Hits'], rows)
  }
}
