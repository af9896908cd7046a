/**
 * The `n`-th largest of `values` (1 = the largest), by a min-heap of the `n` largest seen so far:
 * one pass, no sort, no copy of `values`. `n` must be between 1 and `values.length`.
 */
export function nthLargest(values: Float64Array, n: number): number {
  const heap = new Float64Array(n);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (size < n) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = value;
    } else if (value > heap[0]) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && heap[right] < heap[left] ? right : left;
        if (heap[child] >= value) break;
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = value;
    }
  }
  return heap[0];
}
