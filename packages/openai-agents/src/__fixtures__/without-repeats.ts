/** The list with consecutive equal items collapsed to one. */
export function withoutRepeats<T>(items: readonly T[]): T[] {
  return items.filter((item, index) => index === 0 || item !== items[index - 1]);
}
