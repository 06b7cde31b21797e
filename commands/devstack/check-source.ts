import {Flags} from '@oclif/core'
import {resolve} from 'node:path'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class DevstackCheckSource extends MrctlCommand<typeof DevstackCheckSource> {
  static override summary = "Tell whether Zun's and Kuryr's sources pass region_name to their Neutron client (the guide's Prerequisite)"
  static override description = `Reads neutron() in <zun-dir>/zun/common/clients.py and get_neutron_client() in
<kuryr-dir>/kuryr/lib/utils.py. Before Train they build the Neutron client without a region. With
--patch-file, writes a unified diff that adds it (as the guide shows), for you to review and apply
with patch -p1 in the folder it names; the sources themselves are never edited. Exit 1 when a
function does not pass region_name.`
  static override examples = [
    '<%= config.bin %> devstack check-source',
    '<%= config.bin %> devstack check-source --zun-dir /opt/stack/zun --kuryr-dir /opt/stack/kuryr --patch-file region-name.patch',
  ]
  static override flags = {
    ...listOutputFlags,
    'zun-dir': Flags.string({description: 'The Zun checkout', helpValue: '<dir>', default: '/opt/stack/zun'}),
    'kuryr-dir': Flags.string({description: 'The kuryr checkout', helpValue: '<dir>', default: '/opt/stack/kuryr'}),
    'patch-file': Flags.string({description: 'Write the change as a unified diff to this file', helpValue: '<file>'}),
    force: Flags.boolean({description: 'With --patch-file: overwrite an existing file', dependsOn: ['patch-file']}),
  }

  async run() {
    const [{checkSource, KURYR_SOURCE, patchRoot, sourcePatch, ZUN_SOURCE}, {writeOutputFile}] = await Promise.all([
      import('../../src/devstack/source-check.js'),
      import('../../src/devstack/files.js'),
    ])
    const f = this.flags
    // Both read at once; when both fail, Zun's error is the one told, whichever read ended first.
    const settled = await Promise.allSettled([checkSource(f['zun-dir'], ZUN_SOURCE), checkSource(f['kuryr-dir'], KURYR_SOURCE)])
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw failed.reason
    const reports = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof checkSource>>>).value)
    const rows = reports.map((r) => [r.project, r.func, r.path, r.status, r.note ?? ''])
    await this.printList(['Project', 'Function', 'File', 'Region Name', 'Note'], rows)
    const lacking = reports.filter((r) => r.status !== 'passes region_name')
    let patchFile: string | undefined
    let applyIn: string | undefined
    if (lacking.length) {
      process.exitCode = 1
      const patchable = lacking.filter((r) => r.patched !== undefined)
      applyIn = patchRoot(patchable.map((r) => (r.project === 'zun' ? f['zun-dir'] : f['kuryr-dir'])))
      if (f['patch-file'] && patchable.length) {
        await writeOutputFile(f['patch-file'], await sourcePatch(patchable, applyIn), {force: f.force, mode: 0o644, flag: '--patch-file'})
        patchFile = f['patch-file']
        this.note(`Wrote ${patchFile}: review it, then apply it with: cd ${applyIn} && patch -p1 < ${resolve(patchFile)}`)
      } else if (patchable.length) {
        this.note('Write the change as a patch to review and apply: add --patch-file FILE')
      }
    } else if (f['patch-file']) this.note(`Both functions pass region_name: nothing to patch, ${f['patch-file']} was not written`)
    return {functions: reports.map(({original: _o, patched, ...r}) => ({...r, patchable: patched !== undefined})), patchFile: patchFile ?? null, applyIn: patchFile ? applyIn : null}
  }

  /** Guidance for people: stderr, silent under --json. */
  private note(line: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${line}\n`)
  }
}
