import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class ImageSave extends ApiCommand<typeof ImageSave> {
  static override summary = 'Save an image locally'
  static override description =
    'Streams the image data to --file (or to stdout) in constant memory and checks it against the hash Glance ' +
    'reports (os_hash_algo/os_hash_value, else the MD5 checksum). The data goes to a temporary file that is ' +
    'renamed only when complete and verified, so a failed download leaves no partial file.'
  static override examples = [
    '<%= config.bin %> image save cirros --file cirros.img --os-region-name RegionOne',
    '<%= config.bin %> image save cirros --os-region-name RegionOne > cirros.img',
  ]
  static override args = {image: Args.string({description: 'Image to save (name or ID)', required: true})}
  static override flags = {
    file: Flags.string({description: 'Downloaded image save filename (default: stdout)'}),
  }

  async run() {
    const [glance, {UsageError, MrctlError}] = await Promise.all([
      import('../../src/clients/glance/index.js'),
      import('../../src/core/errors.js'),
    ])
    const target = this.flags.file
    if (target === undefined && this.jsonEnabled()) {
      throw new UsageError('--json needs --file: stdout cannot carry both the image data and the JSON result')
    }
    if (target === undefined && process.stdout.isTTY) {
      throw new UsageError('refusing to write image data to a terminal', ['give --file FILE, or redirect stdout to a file'])
    }
    if (target !== undefined) await glance.checkWritableTarget(target)
    const c = await (await this.session()).client('image')
    const image = await glance.findImage(c, this.args.image)
    const {stream} = await glance.downloadImageData(c, image.id)
    if (!stream) {
      throw new MrctlError(`Image ${image.id} has no data to download (status: ${image.status})`, {
        actions: ['upload data first, e.g. with: mrctl image create NAME --file FILE'],
      })
    }
    const expect = glance.expectedHash(image)
    const res =
      target === undefined
        ? await glance.saveToWritable(stream, process.stdout, expect)
        : await glance.saveToFile(stream, target, expect)
    return {id: image.id, file: target ?? null, bytes: res.bytes, verified: res.verified ? res.verified.algo : null}
  }
}
