export * from './pods.js'
export * from './routings.js'
export * from './jobs.js'
export {type PageOptions} from './common.js'
