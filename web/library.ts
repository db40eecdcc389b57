// The clip library: newest first, a page at a time; a clip pushed by onClipUpdated or caught up
// through clipChanges is added or updated in place, and a DELETED one leaves the list (its
// tombstone is kept, so an older copy arriving late cannot bring it back). Clicking a READY clip
// plays its VOD HLS; each clip has a Delete button, and one not playable yet a Cancel button.
import type { ClipFieldsFragment } from '../generated/operations/graphql.ts';

export type Clip = ClipFieldsFragment;

export type ClipAction = 'cancel' | 'delete';

/** What the API accepts a cancel for: a clip not playable yet. */
const CANCELLABLE: readonly Clip['status'][] = ['PENDING', 'HARVESTING'];

export class Library {
  private readonly clips = new Map<string, Clip>();

  constructor(
    private readonly list: HTMLUListElement,
    private readonly onPlay: (clip: Clip) => void,
    private readonly onAction: (clip: Clip, action: ClipAction) => void,
  ) {}

  clear(): void {
    this.clips.clear();
    this.list.replaceChildren();
  }

  /** Adds or updates clips; a clip never goes back to an older version. */
  put(...clips: Clip[]): void {
    for (const clip of clips) {
      const known = this.clips.get(clip.clipId);
      if (known && known.updatedAt > clip.updatedAt) continue;
      this.clips.set(clip.clipId, clip);
    }
    this.render();
  }

  private render(): void {
    const newest = [...this.clips.values()].filter((clip) => clip.status !== 'DELETED').sort((a, b) => (a.clipId < b.clipId ? 1 : -1));
    this.list.replaceChildren(...newest.map((clip) => this.item(clip)));
  }

  private item(clip: Clip): HTMLLIElement {
    const item = document.createElement('li');
    item.dataset['status'] = clip.status;
    item.dataset['clipId'] = clip.clipId;
    item.tabIndex = 0;
    const when = new Date(clip.startTime).toLocaleTimeString();
    const title = clip.title ?? `${clip.durationSeconds} s from ${when}`;
    item.setAttribute('aria-label', `${title}, ${clip.status}`);
    item.innerHTML = '<div class="title"></div><div><span class="status"></span> <span class="detail"></span></div>';
    item.querySelector('.title')!.textContent = title;
    item.querySelector('.status')!.textContent = clip.status;
    const detail = item.querySelector('.detail')!;
    if (clip.status === 'FAILED') detail.textContent = clip.failureReason ?? '';
    else detail.append(`${clip.durationSeconds} s from `, Object.assign(document.createElement('time'), { dateTime: clip.startTime, textContent: when }));
    const actions = document.createElement('div');
    for (const action of [...(CANCELLABLE.includes(clip.status) ? (['cancel'] as const) : []), 'delete'] as const) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: action === 'cancel' ? 'Cancel' : 'Delete' });
      button.setAttribute('aria-label', `${button.textContent} ${title}`);
      button.addEventListener('click', (event) => {
        // The item's own click plays the clip.
        event.stopPropagation();
        this.onAction(clip, action);
      });
      button.addEventListener('keydown', (event) => event.stopPropagation());
      actions.append(button);
    }
    item.append(actions);
    const play = () => this.onPlay(clip);
    item.addEventListener('click', play);
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') play();
    });
    return item;
  }
}
