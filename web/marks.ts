// Mark in / mark out on the live timeline: the marks are the program-date-time of the frame on
// screen when pressed (what the person saw, not the wall clock, which runs a few segments ahead),
// and mark out clips the range between them. The buttons work as buttons (Tab, Enter, Space);
// the keys I and O press them from anywhere but a text field, as the page says beside them.
export interface MarkControls {
  markIn: HTMLButtonElement;
  markOut: HTMLButtonElement;
  /** Shows the marked-in time. */
  marked: HTMLOutputElement;
}

const SHORTCUTS: Record<string, 'in' | 'out'> = { i: 'in', o: 'out' };

/** A key typed into a field is text, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

export function setUpMarks(controls: MarkControls, onScreen: () => Date | undefined, clip: (startTime: Date, endTime: Date) => void): void {
  let markedIn: Date | undefined;

  const markIn = () => {
    markedIn = onScreen() ?? new Date();
    controls.markOut.disabled = false;
    const time = Object.assign(document.createElement('time'), { dateTime: markedIn.toISOString(), textContent: markedIn.toLocaleTimeString() });
    controls.marked.replaceChildren('In at ', time);
  };
  const markOut = () => {
    if (!markedIn) return;
    const startTime = markedIn;
    markedIn = undefined;
    // A disabled button drops the focus: keep the keyboard where the next mark starts.
    if (document.activeElement === controls.markOut) controls.markIn.focus();
    controls.markOut.disabled = true;
    controls.marked.replaceChildren();
    clip(startTime, onScreen() ?? new Date());
  };

  controls.markIn.addEventListener('click', markIn);
  controls.markOut.addEventListener('click', markOut);
  document.addEventListener('keydown', (event) => {
    const shortcut = SHORTCUTS[event.key.toLowerCase()];
    if (!shortcut || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
    event.preventDefault();
    if (shortcut === 'in') markIn();
    else markOut();
  });
}
