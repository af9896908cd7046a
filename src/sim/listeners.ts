/** A tiny typed event emitter that works in Node and in browsers. */
export class Listeners<Events extends object> {
  private readonly map = new Map<keyof Events, Set<(payload: never) => void>>();

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.map.get(event);
    if (!set) this.map.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const set = this.map.get(event);
    if (!set) return;
    for (const l of [...set]) (l as (payload: Events[E]) => void)(payload);
  }
}
