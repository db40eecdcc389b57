// One clip in the library: its title, status and range, and its buttons (Edit title; Cancel while
// it is not playable yet; Delete). Clicking it, or Enter/Space on it, plays it. An update (a push,
// a catch-up, an answer) redraws the clip's parts in place and leaves an open title editor alone,
// so neither the draft nor the keyboard focus is lost to a push.
import type { ClipFieldsFragment } from '../generated/operations/graphql.ts';
import { conflictOf, explain } from './errors.ts';

export type Clip = ClipFieldsFragment;

export type ClipAction = 'cancel' | 'delete';

export interface ClipItemHandlers {
  play: (clip: Clip) => void;
  act: (clip: Clip, action: ClipAction) => void;
  /** Saves a title (`''` removes it) if the clip is still at `expectedUpdatedAt`; answers the saved clip. */
  saveTitle: (clip: Clip, title: string, expectedUpdatedAt: string) => Promise<Clip>;
  /** A newer version of a clip learnt from the API's answer (a conflict carries the current one). */
  learnt: (clip: Clip) => void;
}

/** What the API accepts a cancel for: a clip not playable yet. */
const CANCELLABLE: readonly Clip['status'][] = ['PENDING', 'HARVESTING'];

const titleOf = (clip: Clip) => clip.title ?? `Clip at ${new Date(clip.startTime).toLocaleTimeString()}`;
/** `6.2 s`, `30 s`: a tenth of a second is as fine as a person reads it. */
const seconds = (duration: number) => `${Number(duration.toFixed(1))} s`;

function button(text: string, onPress: () => void): HTMLButtonElement {
  const element = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  element.addEventListener('click', onPress);
  return element;
}

export class ClipItem {
  readonly element = document.createElement('li');
  private readonly title = document.createElement('div');
  private readonly facts = document.createElement('div');
  private readonly actions = document.createElement('div');
  private readonly editButton = button('Edit title', () => this.edit());
  private readonly cancelButton = button('Cancel', () => this.handlers.act(this.clip, 'cancel'));
  private readonly deleteButton = button('Delete', () => this.handlers.act(this.clip, 'delete'));
  private editor: HTMLFormElement | undefined;

  constructor(
    private clip: Clip,
    private readonly handlers: ClipItemHandlers,
  ) {
    this.element.tabIndex = 0;
    this.element.dataset['clipId'] = clip.clipId;
    this.title.className = 'title';
    this.actions.className = 'actions';
    this.actions.append(this.editButton, this.cancelButton, this.deleteButton);
    this.element.append(this.title, this.facts, this.actions);
    // The item plays the clip; what happens inside its buttons and editor stays there.
    this.element.addEventListener('click', (event) => {
      if (event.target === this.element || !(event.target as Element).closest('button, form')) handlers.play(this.clip);
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.target === this.element && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        handlers.play(this.clip);
      }
    });
    this.update(clip);
  }

  update(clip: Clip): void {
    this.clip = clip;
    const title = titleOf(clip);
    this.element.dataset['status'] = clip.status;
    this.element.setAttribute('aria-label', `${title}, ${clip.status}`);
    this.title.textContent = title;
    const status = Object.assign(document.createElement('span'), { className: 'status', textContent: clip.status });
    const detail = Object.assign(document.createElement('span'), { className: 'detail' });
    if (clip.status === 'FAILED') detail.textContent = clip.failureReason ?? '';
    else
      detail.append(`${seconds(clip.durationSeconds)} from `, Object.assign(document.createElement('time'), { dateTime: clip.startTime, textContent: new Date(clip.startTime).toLocaleTimeString() }));
    this.facts.replaceChildren(status, ' ', detail);
    // The buttons stay (one may have the keyboard's focus); only their names and presence change.
    this.editButton.setAttribute('aria-label', `Edit title of ${title}`);
    this.editButton.hidden = this.editor !== undefined;
    this.cancelButton.setAttribute('aria-label', `Cancel ${title}`);
    this.cancelButton.hidden = !CANCELLABLE.includes(clip.status);
    this.deleteButton.setAttribute('aria-label', `Delete ${title}`);
  }

  /** Opens the title editor; a save is checked against the version the editing started from. */
  private edit(): void {
    // The title this editor was opened on (or last told of), and that version's updatedAt.
    let base = { title: this.clip.title, updatedAt: this.clip.updatedAt };
    const form = document.createElement('form');
    form.className = 'editor';
    const input = Object.assign(document.createElement('input'), { value: this.clip.title ?? '', maxLength: 200, size: 24 });
    input.setAttribute('aria-label', `New title of ${titleOf(this.clip)}`);
    const save = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Save' });
    const problem = Object.assign(document.createElement('p'), { className: 'problem' });
    problem.setAttribute('role', 'alert');
    const close = () => {
      this.editor = undefined;
      form.remove();
      this.title.hidden = false;
      this.update(this.clip);
      this.editButton.focus();
    };
    const submit = async () => {
      for (;;) {
        try {
          this.handlers.learnt(await this.handlers.saveTitle(this.clip, input.value.trim(), base.updatedAt));
          close();
          return;
        } catch (error) {
          const current = conflictOf(error);
          if (!current) {
            problem.textContent = explain(error, 'edit');
            return;
          }
          this.handlers.learnt(current);
          const titleChanged = current.title !== base.title;
          base = { title: current.title, updatedAt: current.updatedAt };
          // Only the pipeline moved the clip on (status, manifests): the title is still the one
          // this editor started from, so saving over the new version loses nothing.
          if (!titleChanged) continue;
          // Someone saved a title first: show theirs and keep this draft; a second Save replaces
          // theirs knowingly (it is now checked against their version).
          const theirs = current.title ? `its title is now \u201c${current.title}\u201d` : 'it has no title now';
          problem.textContent = `Someone else changed this clip while you were editing: ${theirs}. Save again to replace it with yours, or cancel to keep theirs.`;
          return;
        }
      }
    };
    const cancel = button('Cancel editing', close);
    cancel.setAttribute('aria-label', `Cancel editing ${titleOf(this.clip)}`);
    form.append(input, ' ', save, ' ', cancel, problem);
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save.disabled = true;
      problem.textContent = '';
      void submit().finally(() => (save.disabled = false));
    });
    this.editor = form;
    this.title.hidden = true;
    this.title.after(form);
    this.update(this.clip);
    input.focus();
  }
}
