/** Counts animation frames from now on: `count` goes up by one at the start of every frame. */
export function frameCounter(): { readonly count: number; stop: () => void } {
  let count = 0;
  let running = true;
  const tick = () => {
    count += 1;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    get count() {
      return count;
    },
    stop: () => {
      running = false;
    },
  };
}
