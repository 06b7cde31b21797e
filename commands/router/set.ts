import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, tagSetFlags} from '../../src/cli/flags.js'

export default class RouterSet extends ApiCommand<typeof RouterSet> {
  static override summary = 'Set router properties'
  static override description =
    'Routes are added to the current ones (with --no-route: replace them). --enable-snat, --disable-snat and --fixed-ip ' +
    'need --external-gateway. Prints nothing (--json returns the updated router).'
  static override examples = [
    '<%= config.bin %> router set r1 --external-gateway ext-net',
    '<%= config.bin %> router set r1 --route destination=10.9.0.0/24,gateway=10.0.0.5 --os-region-name RegionOne',
  ]
  static override args = {router: Args.string({description: 'Router to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'Set router name'}),
    description: Flags.string({description: 'Set router description'}),
    ...enableDisableFlags('router', 'set'),
    distributed: Flags.boolean({description: 'Set router to distributed mode (disabled router only)', exclusive: ['centralized']}),
    centralized: Flags.boolean({description: 'Set router to centralized mode (disabled router only)', exclusive: ['distributed']}),
    route: Flags.string({description: 'Add a route: destination=<subnet>,gateway=<ip-address> (repeatable)', multiple: true, multipleNonGreedy: true}),
    'no-route': Flags.boolean({description: 'Clear routes associated with the router (with --route: replace them)'}),
    ha: Flags.boolean({description: 'Set the router as highly available (--no-ha: clear it) (disabled router only)', allowNo: true}),
    'external-gateway': Flags.string({description: "External Network used as router's gateway (name or ID)"}),
    'fixed-ip': Flags.string({
      description: 'Desired IP and/or subnet (name or ID) on external gateway: subnet=<subnet>,ip-address=<ip-address> (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    'enable-snat': Flags.boolean({description: 'Enable Source NAT on external gateway', exclusive: ['disable-snat']}),
    'disable-snat': Flags.boolean({description: 'Disable Source NAT on external gateway', exclusive: ['enable-snat']}),
    ...tagSetFlags('router', 'set'),
  }

  async run() {
    const {planRouterSet, routerSet} = await import('../../src/clients/neutron/routers.js')
    const f = this.flags
    const plan = planRouterSet({
      name: f.name,
      description: f.description,
      enable: enabledOf(f),
      distributed: f.distributed ? true : f.centralized ? false : undefined,
      ha: f.ha,
      routes: f.route,
      noRoute: f['no-route'],
      externalGateway: f['external-gateway'],
      snat: f['enable-snat'] ? true : f['disable-snat'] ? false : undefined,
      fixedIps: f['fixed-ip'],
      tags: f.tag,
      noTag: f['no-tag'],
    })
    return routerSet(await (await this.session()).client('network'), this.args.router, plan)
  }
}
