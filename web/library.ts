// The clip library: newest first, a page at a time; a clip pushed by onClipUpdated or caught up
// through clipChanges is added or updated in place, and a DELETED one leaves the list (its
// tombstone is kept, so an older copy arriving late cannot bring it back). Items are kept and
// moved only when their place changes, so a push does not take the focus or an open editor away.
import { ClipItem, type Clip, type ClipItemHandlers } from './clipItem.ts';

export type { Clip, ClipAction } from './clipItem.ts';

export class Library {
  private readonly clips = new Map<string, Clip>();
  private readonly items = new Map<string, ClipItem>();

  constructor(
    private readonly list: HTMLUListElement,
    private readonly handlers: Omit<ClipItemHandlers, 'learnt'>,
  ) {}

  clear(): void {
    this.clips.clear();
    this.items.clear();
    this.list.replaceChildren();
  }

  /** Adds or updates clips; a clip never goes back to an older version. */
  put(...clips: Clip[]): void {
    for (const clip of clips) {
      const known = this.clips.get(clip.clipId);
      if (known && known.updatedAt > clip.updatedAt) continue;
      this.clips.set(clip.clipId, clip);
      const item = this.items.get(clip.clipId);
      if (clip.status === 'DELETED') {
        item?.element.remove();
        this.items.delete(clip.clipId);
      } else if (item) item.update(clip);
      else this.items.set(clip.clipId, new ClipItem(clip, { ...this.handlers, learnt: (newer) => this.put(newer) }));
    }
    this.order();
  }

  /** Newest first (clip ids sort by start time); an item already in its place is not touched. */
  private order(): void {
    const newest = [...this.items.entries()].sort(([a], [b]) => (a < b ? 1 : -1));
    let expected: ChildNode | null = this.list.firstChild;
    for (const [, item] of newest) {
      if (item.element !== expected) this.list.insertBefore(item.element, expected);
      expected = item.element.nextSibling;
    }
  }
}
