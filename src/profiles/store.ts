import type {CloudEntry} from './cloud-entry.js'

import {ConfigError} from '../http/errors.js'
import {SECRET_AUTH_KEYS} from './cloud-entry.js'
import {parseYaml, readIfExists, toYaml, writePrivateFile} from './files.js'
import {profilesFile} from './paths.js'

export interface ProfilesDocument {
  default?: string
  clouds: Record<string, CloudEntry>
}

/** mrctl's region profiles: a clouds.yaml-shaped file (no secrets in it), written atomically with mode 0600. */
export class ProfileStore {
  constructor(readonly path: string = profilesFile()) {}

  async load(): Promise<ProfilesDocument> {
    const text = await readIfExists(this.path)
    if (text === undefined || text.trim() === '') return {clouds: {}}
    let data: unknown
    try {
      data = await parseYaml(text, this.path)
    } catch (error) {
      throw new ConfigError((error as Error).message, [`fix or remove ${this.path}`])
    }
    const doc = (data ?? {}) as Partial<ProfilesDocument>
    return {default: doc.default, clouds: doc.clouds ?? {}}
  }

  async save(doc: ProfilesDocument): Promise<void> {
    for (const [name, entry] of Object.entries(doc.clouds)) {
      for (const key of SECRET_AUTH_KEYS) {
        if (entry.auth?.[key]) throw new Error(`refusing to write the ${key} of profile ${name} into ${this.path}`)
      }
    }
    await writePrivateFile(this.path, await toYaml(doc))
  }

  async get(name: string): Promise<CloudEntry | undefined> {
    return (await this.load()).clouds[name]
  }

  async names(): Promise<string[]> {
    return Object.keys((await this.load()).clouds)
  }
}
