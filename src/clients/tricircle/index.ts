export * from './pods.js'
export * from './routings.js'
export * from './jobs.js'
export type {MarkerPage} from '../../http/paginate.js'
