import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, projectFlag, showOutputFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class RouterCreate extends ApiCommand<typeof RouterCreate> {
  static override summary = 'Create a new router'
  static override description =
    "--enable-snat, --disable-snat and --fixed-ip need --external-gateway. Unlike `openstack`, which creates the router " +
    'and only then complains, mrctl refuses before creating anything (exit 2).'
  static override examples = [
    '<%= config.bin %> router create r1',
    '<%= config.bin %> router create r1 --external-gateway ext-net --disable-snat --os-region-name RegionOne',
  ]
  static override args = {name: Args.string({description: 'New router name', required: true})}
  static override flags = {
    ...showOutputFlags,
    ...enableDisableFlags('router', 'create'),
    distributed: Flags.boolean({description: 'Create a distributed router', exclusive: ['centralized']}),
    centralized: Flags.boolean({description: 'Create a centralized router', exclusive: ['distributed']}),
    ha: Flags.boolean({description: 'Create a highly available router (--no-ha: a legacy router)', allowNo: true}),
    description: Flags.string({description: 'Set router description'}),
    ...projectFlag("Owner's project (name or ID)"),
    'availability-zone-hint': Flags.string({description: 'Availability Zone in which to create this router (repeatable)', multiple: true, multipleNonGreedy: true}),
    'external-gateway': Flags.string({description: "External Network used as router's gateway (name or ID)"}),
    'fixed-ip': Flags.string({
      description: 'Desired IP and/or subnet (name or ID) on external gateway: subnet=<subnet>,ip-address=<ip-address> (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    'enable-snat': Flags.boolean({description: 'Enable Source NAT on external gateway', exclusive: ['disable-snat']}),
    'disable-snat': Flags.boolean({description: 'Disable Source NAT on external gateway', exclusive: ['enable-snat']}),
    ...tagSetFlags('router', 'create'),
  }

  async run() {
    const [neutron, {routerShowView}] = await Promise.all([import('../../src/clients/neutron/index.js'), import('../../src/views/router.js')])
    const f = this.flags
    const plan = neutron.planRouterCreate({
      name: this.args.name,
      enable: !f.disable,
      distributed: f.distributed ? true : f.centralized ? false : undefined,
      ha: f.ha,
      description: f.description,
      availabilityZoneHints: f['availability-zone-hint'],
      externalGateway: f['external-gateway'],
      snat: f['enable-snat'] ? true : f['disable-snat'] ? false : undefined,
      fixedIps: f['fixed-ip'],
      tags: f.tag,
      noTag: f['no-tag'],
    })
    const session = await this.session()
    if (f.project) plan.input.projectId = await this.projectId(f.project)
    const router = await neutron.routerCreate(await session.client('network'), plan)
    const v = routerShowView(router)
    return this.printShow(v.fields, v.values, v.human)
  }
}
