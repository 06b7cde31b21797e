import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

const commaList = async (s: string) => s.split(',')

export default class LoadbalancerListenerList extends ApiCommand<typeof LoadbalancerListenerList> {
  static override summary = 'List listeners'
  static override examples = ['<%= config.bin %> loadbalancer listener list --region RegionOne --loadbalancer lb1']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    name: Flags.string({description: 'List listeners by listener name'}),
    loadbalancer: Flags.string({description: 'Filter by load balancer (name or ID)'}),
    enable: Flags.boolean({description: 'List enabled listeners', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'List disabled listeners', exclusive: ['enable']}),
    project: Flags.string({description: 'List listeners by project ID'}),
    tags: Flags.custom<string[]>({description: 'List listeners which have all given tag(s) (comma-separated)', parse: commaList})(),
    'any-tags': Flags.custom<string[]>({description: 'List listeners which have any given tag(s) (comma-separated)', parse: commaList})(),
    'not-tags': Flags.custom<string[]>({description: 'Exclude listeners which have all given tag(s) (comma-separated)', parse: commaList})(),
    'not-any-tags': Flags.custom<string[]>({description: 'Exclude listeners which have any given tag(s) (comma-separated)', parse: commaList})(),
  }

  async run() {
    const [octavia, {listInRegions}, {listenerListView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const res = await listInRegions(session, 'load-balancer', {regions: f.region, all: f['all-regions']}, async (c) =>
      octavia.listListeners(c, {
        name: f.name,
        loadbalancer_id: f.loadbalancer === undefined ? undefined : (await octavia.findLoadBalancer(c, f.loadbalancer)).id,
        admin_state_up: f.enable ? true : f.disable ? false : undefined,
        project_id: f.project,
        tags: f.tags,
        'tags-any': f['any-tags'],
        'not-tags': f['not-tags'],
        'not-tags-any': f['not-any-tags'],
      }),
    )
    this.reportRegionFailures(res.failures)
    const view = listenerListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
