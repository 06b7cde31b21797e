import {ApiCommand} from '../../src/cli/api-command.js'
import {topologyFileFlag} from '../../src/cli/flags.js'

export default class TopologyValidate extends ApiCommand<typeof TopologyValidate> {
  static override summary = 'Check a topology file without touching a cloud'
  static override description =
    'Checks the schema (each problem with file:line:column and the field), the references between resources (images, ' +
    'networks, subnets, pools, containers), CIDRs and addresses, duplicate names, that each image file can be read, and, ' +
    'when the profile lists its regions, that every region is one of them. Nothing is sent to a cloud. Exit 2 when the file has problems.'
  static override examples = ['<%= config.bin %> topology validate -f examples/two-region-containers.yaml']
  static override flags = {
    ...topologyFileFlag,
  }

  async run() {
    const [{loadTopology}, {desiredResources}] = await Promise.all([
      import('../../src/orchestration/topology/load.js'),
      import('../../src/orchestration/topology/desired.js'),
    ])
    const regions = await this.profileRegions()
    const topo = await loadTopology(this.flags.file, {regions})
    const resources = desiredResources(topo)
    const regionsUsed = [...new Set(resources.map((r) => r.region))].sort()
    this.say(`${this.flags.file}: valid topology ${topo.name}: ${resources.length} resources in ${regionsUsed.join(', ')}`)
    if (!regions?.length) this.say('(regions not checked: the profile lists none; plan checks them against the catalog)')
    return {file: topo.file, topology: topo.name, resources: resources.length, regions: regionsUsed, regionsChecked: Boolean(regions?.length)}
  }

  /** The profile's `regions:` list, read locally (no authentication); none when no cloud is configured. */
  private async profileRegions(): Promise<string[] | undefined> {
    try {
      const {resolveCloud} = await import('../../src/profiles/resolve.js')
      const [{ProfileStore}, {loadCloudsYaml}, {secretStore}] = await Promise.all([
        import('../../src/profiles/store.js'),
        import('../../src/profiles/clouds-yaml.js'),
        import('../../src/profiles/secrets.js'),
      ])
      const config = await resolveCloud(this.globalOptions(), {env: process.env, store: new ProfileStore(), loadClouds: () => loadCloudsYaml(), secrets: secretStore})
      return config.regions
    } catch {
      return undefined
    }
  }
}
