export function lazyRequireSource(name: string): string
