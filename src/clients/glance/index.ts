export * from './images.js'
export * from './data.js'
export * from './upload.js'
