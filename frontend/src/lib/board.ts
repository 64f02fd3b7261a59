/** The stage a grabbed card moves to with an arrow key, stopping at either end. */
export function moveTarget(stageIds: string[], current: string, step: 1 | -1): string {
  const index = stageIds.indexOf(current);
  const next = Math.min(stageIds.length - 1, Math.max(0, index + step));
  return stageIds[next] ?? current;
}
