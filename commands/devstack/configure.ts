import {Flags} from '@oclif/core'
import {resolve} from 'node:path'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class DevstackConfigure extends MrctlCommand<typeof DevstackConfigure> {
  static override summary = "Set Zun's and Kuryr's Neutron region in zun.conf and kuryr.conf (the guide's step 3)"
  static override description = `Sets [neutron_client] region_name in zun.conf and [neutron] region_name in kuryr.conf, editing
only the lines it must: comments, commented defaults, order, repeated keys, continuation lines and
every other byte stay as they were. Each changed file gets a backup beside it
(<file>.mrctl-backup-<time>, mode 0600). Both files are read and checked before either is written: a
missing, unreadable, read-only or malformed file is an error and nothing changes. Running it again
changes nothing. --dry-run shows the diff (passwords masked); --restart restarts the services
(systemctl restart devstack@zun* and devstack@kur*), which are otherwise printed.`
  static override examples = [
    '<%= config.bin %> devstack configure --region-name RegionOne --dry-run',
    'sudo <%= config.bin %> devstack configure --region-name RegionOne --restart',
    '<%= config.bin %> devstack configure --region-name RegionTwo --zun-conf ./zun.conf --kuryr-conf ./kuryr.conf',
  ]
  static override flags = {
    'region-name': Flags.string({description: "This node's region, as Zun and Kuryr should ask Keystone for Neutron", helpValue: '<region>', required: true}),
    'zun-conf': Flags.string({description: 'zun.conf', helpValue: '<file>', default: '/etc/zun/zun.conf'}),
    'kuryr-conf': Flags.string({description: 'kuryr.conf', helpValue: '<file>', default: '/etc/kuryr/kuryr.conf'}),
    'dry-run': Flags.boolean({description: 'Show the diff; write nothing', exclusive: ['restart']}),
    restart: Flags.boolean({description: 'Restart the Zun and Kuryr services afterwards (systemctl, through sudo unless root)'}),
  }

  async run() {
    const [{applyConfigure, KURYR_CONF, planConfigure, ZUN_CONF}, {checkValue}, {maskConfigText, unifiedDiff}, restart, {UsageError}] = await Promise.all([
      import('../../src/devstack/configure.js'),
      import('../../src/devstack/oslo-ini.js'),
      import('../../src/devstack/diff.js'),
      import('../../src/devstack/restart.js'),
      import('../../src/core/errors.js'),
    ])
    const f = this.flags
    const region = f['region-name']
    const bad = checkValue(region)
    if (bad) throw new UsageError(`--region-name ${JSON.stringify(region)}: ${bad}`)
    const targets = [
      {...ZUN_CONF, path: f['zun-conf']},
      {...KURYR_CONF, path: f['kuryr-conf']},
    ]
    const plans = await planConfigure(targets, region)
    const say = (line: string) => this.say(line)
    const describe = (p: (typeof plans)[number]) =>
      `[${p.target.section}] ${p.target.key} = ${region}` +
      (p.changed ? ` (${p.previous === undefined ? 'added' : `was ${JSON.stringify(p.previous)}`})` : ' (already set: unchanged)')

    if (f['dry-run']) {
      const diffs: string[] = []
      for (const p of plans) {
        const diff = await unifiedDiff(`a${resolve(p.target.path)}`, `b${resolve(p.target.path)}`, maskConfigText(p.before), maskConfigText(p.after))
        diffs.push(diff)
        if (diff) say(diff.trimEnd())
        else say(`${p.target.path}: ${describe(p)}`)
        if (p.readOnly) this.warn(`${p.readOnly}: a real run would stop there`)
      }
      say('Dry run: nothing was written.')
      return {dryRun: true, files: plans.map((p, i) => ({path: p.target.path, section: p.target.section, key: p.target.key, value: region, previous: p.previous ?? null, changed: p.changed, diff: diffs[i]}))}
    }

    const applied = await applyConfigure(plans)
    for (const [i, p] of plans.entries()) say(`${p.target.path}: ${describe(p)}${applied[i].backup ? `; backup ${applied[i].backup}` : ''}`)
    const units = f.restart ? plans.map((p) => p.target.units) : plans.filter((p) => p.changed).map((p) => p.target.units)
    const restarted: string[] = []
    if (f.restart) {
      for (const unit of units) {
        await restart.runRestart(restart.restartArgv(unit))
        restarted.push(unit)
        say(`Restarted ${unit}`)
      }
    } else if (units.length) {
      say('Restart the services for the change to take effect (or run this again with --restart):')
      for (const line of restart.restartHint(units)) say(`  ${line}`)
    }
    return {
      dryRun: false,
      files: plans.map((p, i) => ({path: p.target.path, section: p.target.section, key: p.target.key, value: region, previous: p.previous ?? null, changed: p.changed, backup: applied[i].backup ?? null})),
      restart: {commands: restart.restartHint(units), restarted},
    }
  }
}
