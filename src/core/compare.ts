/** Orders of identity the library sorts by (code units, not locale: stable across machines). */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
export function byGroupId(a: { groupId: string }, b: { groupId: string }): number {
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}
export function byTopic(a: { topic: string }, b: { topic: string }): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
}
export function byPartition(a: { partition: number }, b: { partition: number }): number {
  return a.partition - b.partition;
}
