// Light tracing, OpenTelemetry-style: a span is a named stretch of work with a start and an end,
// tied to a trace by its id. A clip's trace id is its resource id (`<competition>_<clipId>`, the
// name of its harvest job and its VOD asset: functions/commons/clips.ts), so the handlers, the
// local services and a benchmark all name the same clip's spans alike without passing ids along.
//
// Spans go to the sinks registered in this process and nowhere else: with none (a Lambda on AWS,
// where X-Ray traces the calls), `traced` only runs the work. The local home's benchmarks register
// a sink and read where a clip's time went.

export interface SpanRecord {
  /** What ran, e.g. `packageClip`, `vod.createAsset`, `mediapackage.harvest.copy`. */
  name: string;
  /** The clip's resource id, when the work is one clip's. */
  traceId: string;
  /** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()). */
  startMs: number;
  endMs: number;
  /** The error's name when the work threw. */
  error?: string;
}

export type SpanSink = (span: SpanRecord) => void;

const sinks = new Set<SpanSink>();

/** Adds a sink for every span this process ends; returns its removal. */
export function addSpanSink(sink: SpanSink): () => void {
  sinks.add(sink);
  return () => {
    sinks.delete(sink);
  };
}

/** Whether any sink listens: work that only names a span can be skipped when none does. */
export function spansObserved(): boolean {
  return sinks.size > 0;
}

/** The clock spans are measured on, comparable with Date.now() but finer. */
export function spanClock(): number {
  return performance.timeOrigin + performance.now();
}

function emit(span: SpanRecord): void {
  for (const sink of sinks) {
    // A sink is an observer: its failure must not fail the work it observed.
    try {
      sink(span);
    } catch {
      // dropped
    }
  }
}

/** Records a span that ended now and began at `startMs` (for a wait that started elsewhere). */
export function recordSpan(name: string, traceId: string, startMs: number): void {
  if (sinks.size > 0) emit({ name, traceId, startMs, endMs: spanClock() });
}

/** Runs `work` inside a span named `name` of trace `traceId`. */
export async function traced<T>(name: string, traceId: string | undefined, work: () => Promise<T>): Promise<T> {
  if (sinks.size === 0 || traceId === undefined) return work();
  const startMs = spanClock();
  try {
    const result = await work();
    emit({ name, traceId, startMs, endMs: spanClock() });
    return result;
  } catch (error) {
    emit({ name, traceId, startMs, endMs: spanClock(), error: error instanceof Error ? error.name : 'Error' });
    throw error;
  }
}
