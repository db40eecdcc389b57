// The reference player: watch the competition's live stream, clip it, follow the clip's status
// as it is pushed, and replay the library, over the API's own HTTP and real-time protocols.
import {
  CancelClipDocument,
  ClipChangesDocument,
  ClipsByCompetitionDocument,
  CompetitionsDocument,
  CreateClipDocument,
  DeleteClipDocument,
  OnClipUpdatedDocument,
  UpdateClipDocument,
  type ClipChangesQuery,
  type CompetitionsQuery,
} from '../generated/operations/graphql.ts';
import { loadConfig } from './config.ts';
import { explain } from './errors.ts';
import { request } from './graphql.ts';
import { Library, type Clip, type ClipAction } from './library.ts';
import { setUpMarks } from './marks.ts';
import { play, type Playback } from './player.ts';
import { Realtime } from './realtime.ts';
import { apiAccess } from './signIn.ts';

/** Clips per page of the library: `?limit=N` in the page's address (the API takes 1 to 100), else 20. */
const PAGE_SIZE = Number(new URLSearchParams(location.search).get('limit')) || 20;
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const ui = {
  competition: element<HTMLInputElement>('competition'),
  competitions: element<HTMLDataListElement>('competitions'),
  status: element<HTMLSpanElement>('status'),
  live: element<HTMLVideoElement>('live'),
  clock: element<HTMLTimeElement>('clock'),
  title: element<HTMLInputElement>('title'),
  clip30: element<HTMLButtonElement>('clip30'),
  clip60: element<HTMLButtonElement>('clip60'),
  markIn: element<HTMLButtonElement>('markIn'),
  markOut: element<HTMLButtonElement>('markOut'),
  marked: element<HTMLOutputElement>('marked'),
  error: element<HTMLDivElement>('error'),
  replay: element<HTMLVideoElement>('replay'),
  library: element<HTMLUListElement>('library'),
  more: element<HTMLButtonElement>('more'),
};

let live: Playback | undefined;
let replay: Playback | undefined;
let nextToken: string | null | undefined;
let unsubscribe: (() => void) | undefined;

const showError = (message: string) => (ui.error.textContent = message);

async function start(): Promise<void> {
  const config = await loadConfig();
  const access = await apiAccess(config);
  const library = new Library(ui.library, {
    play: (clip) => void replayClip(clip),
    act: (clip, action) => void act(clip, action),
    saveTitle: async (clip, title, expectedUpdatedAt) =>
      (await request(access, UpdateClipDocument, { input: { competition: clip.competition, clipId: clip.clipId, title, expectedUpdatedAt } })).updateClip,
  });
  const realtime = new Realtime({
    ...access,
    realtimeUrl: config.graphql.realtimeUrl,
    onStatus: (online) => {
      ui.status.dataset['online'] = String(online);
      ui.status.textContent = online ? 'live updates on' : 'offline: reconnecting…';
    },
    // AppSync does not replay what a dropped connection missed: ask for it (docs/library.md).
    onReconnect: () => void catchUp(),
  });
  const changes: { cursor?: string } = {};

  const competition = () => ui.competition.value.trim();
  async function relist(): Promise<void> {
    library.clear();
    nextToken = undefined;
    changes.cursor = undefined;
    await loadMore();
  }
  async function catchUp(): Promise<void> {
    if (!changes.cursor) return relist();
    let since: string = changes.cursor;
    try {
      for (;;) {
        const page: ClipChangesQuery['clipChanges'] = (await request(access, ClipChangesDocument, { competition: competition(), since })).clipChanges;
        library.put(...page.items);
        since = page.cursor;
        changes.cursor = since;
        if (!page.hasMore) return;
      }
    } catch {
      // A cursor past its retention, or any failed page: listing again is always correct.
      await relist();
    }
  }
  async function loadMore(): Promise<void> {
    try {
      const page = (await request(access, ClipsByCompetitionDocument, { competition: competition(), limit: PAGE_SIZE, nextToken: nextToken ?? null }))
        .clipsByCompetition;
      library.put(...page.items);
      // The first page's cursor: every change after it comes from clipChanges.
      changes.cursor ??= page.changesCursor;
      nextToken = page.nextToken;
      ui.more.hidden = !nextToken;
    } catch (error) {
      showError(explain(error));
    }
  }
  function follow(): void {
    unsubscribe?.();
    unsubscribe = realtime.subscribe(OnClipUpdatedDocument, { competition: competition() }, (data) => {
      if (data.onClipUpdated) library.put(data.onClipUpdated);
    });
    void relist();
  }

  async function createClip(startTime: Date, endTime: Date): Promise<void> {
    showError('');
    try {
      const input = {
        competition: competition(),
        startTime: startTime.toISOString(),
        endTime: endTime.toISOString(),
        ...(ui.title.value.trim() ? { title: ui.title.value.trim() } : {}),
        clientToken: crypto.randomUUID(),
      };
      const clip = (await request(access, CreateClipDocument, { input })).createClip;
      library.put(clip);
      if (!known.has(clip.competition)) void listCompetitions();
      void replayClip(clip);
    } catch (error) {
      showError(explain(error, 'clip'));
    }
  }
  const lastSeconds = (seconds: number) => {
    const end = new Date();
    return createClip(new Date(end.getTime() - seconds * 1000), end);
  };

  async function act(clip: Clip, action: ClipAction): Promise<void> {
    showError('');
    const key = { competition: clip.competition, clipId: clip.clipId };
    try {
      library.put(
        action === 'cancel' ? (await request(access, CancelClipDocument, key)).cancelClip : (await request(access, DeleteClipDocument, key)).deleteClip,
      );
    } catch (error) {
      showError(explain(error, action));
    }
  }

  async function replayClip(clip: Clip): Promise<void> {
    const hls = clip.manifests.find((manifest) => manifest.format === 'HLS')?.url ?? clip.previewUrl;
    if (!hls) return;
    replay?.destroy();
    ui.replay.hidden = false;
    ui.replay.dataset['clipId'] = clip.clipId;
    replay = await play(ui.replay, hls, showError);
  }

  // The picker's competitions; one typed in that is not listed clips from the default channel.
  const known = new Map<string, CompetitionsQuery['competitions'][number]>();
  async function listCompetitions(): Promise<void> {
    try {
      const { competitions } = await request(access, CompetitionsDocument, {});
      known.clear();
      for (const entry of competitions) known.set(entry.id, entry);
      ui.competitions.replaceChildren(
        ...competitions.map((entry) =>
          Object.assign(document.createElement('option'), {
            value: entry.id,
            label: entry.hasOwnChannel ? 'own channel' : `default channel${entry.lastClipAt ? `, last clip ${new Date(entry.lastClipAt).toLocaleString()}` : ''}`,
          }),
        ),
      );
    } catch (error) {
      showError(explain(error));
    }
  }
  async function watchLive(): Promise<void> {
    const playbackUrl = known.get(competition())?.livePlaybackUrl ?? config.live.channels[0]?.playbackUrl;
    live?.destroy();
    if (playbackUrl) live = await play(ui.live, playbackUrl, showError);
  }

  ui.competition.value = config.live.channels[0]?.id ?? '';
  ui.competition.addEventListener('change', () => {
    follow();
    void watchLive();
  });
  ui.clip30.addEventListener('click', () => void lastSeconds(30));
  ui.clip60.addEventListener('click', () => void lastSeconds(60));
  setUpMarks(ui, () => live?.programDateTime(), (startTime, endTime) => void createClip(startTime, endTime));
  ui.more.addEventListener('click', () => void loadMore());
  setInterval(() => {
    const onScreen = live?.programDateTime();
    ui.clock.textContent = onScreen ? onScreen.toLocaleTimeString() : '–';
    if (onScreen) ui.clock.dateTime = onScreen.toISOString();
  }, 250);

  follow();
  await listCompetitions();
  await watchLive();
}

start().catch((error: unknown) => showError(`The page could not start: ${explain(error)}`));
