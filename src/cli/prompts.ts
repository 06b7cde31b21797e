/** Prompts load @inquirer/prompts only when one is shown (it costs ~90 ms at import). */
export async function promptText(message: string, defaultValue?: string): Promise<string> {
  const {input} = await import('@inquirer/prompts')
  return input({message, default: defaultValue, required: true})
}

export async function promptSecret(message: string): Promise<string> {
  const {password} = await import('@inquirer/prompts')
  return password({message, mask: '*'})
}

export async function promptConfirm(message: string, defaultValue = false): Promise<boolean> {
  const {confirm} = await import('@inquirer/prompts')
  return confirm({message, default: defaultValue})
}
