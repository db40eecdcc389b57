// Collects the trace spans this process emits (functions/commons/tracer.ts) and reads where one
// clip's time went: a waterfall of named stages, each placed after the one before it.
import { addSpanSink, type SpanRecord, type SpanSink } from '../../functions/commons/tracer.ts';
import { percentile } from './stats.ts';

export interface SpanCollector {
  spans: SpanRecord[];
  /** Resolves with the first span of this name in this trace that starts at or after `afterMs`. */
  waitFor(traceId: string, name: string, afterMs?: number, timeoutMs?: number): Promise<SpanRecord>;
  stop(): void;
}

/** Where spans come from: this process's own (the default), or another's, such as a home child's messages. */
export type SpanSource = (sink: SpanSink) => () => void;

export function collectSpans(source: SpanSource = addSpanSink): SpanCollector {
  const spans: SpanRecord[] = [];
  const waiters = new Set<{ matches: (span: SpanRecord) => boolean; resolve: (span: SpanRecord) => void }>();
  const remove = source((span) => {
    spans.push(span);
    for (const waiter of waiters) {
      if (!waiter.matches(span)) continue;
      waiters.delete(waiter);
      waiter.resolve(span);
    }
  });
  return {
    spans,
    waitFor(traceId, name, afterMs = 0, timeoutMs = 120_000) {
      const matches = (span: SpanRecord) => span.traceId === traceId && span.name === name && span.startMs >= afterMs;
      const found = spans.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no span ${name} of trace ${traceId} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          matches,
          resolve: (span: SpanRecord) => {
            clearTimeout(timer);
            resolve(span);
          },
        };
        waiters.add(waiter);
      });
    },
    stop: remove,
  };
}

/** A stage of the waterfall: a label and the span that measures it. */
export interface Stage {
  label: string;
  span: string;
  /** For a span that recurs in a trace: this one is the first starting after that (earlier) stage's span. */
  after?: string;
}

/** One sample's stages: where each started (ms after the request) and how long it lasted. */
export type StageTimes = Map<string, { offsetMs: number; durationMs: number }>;

/**
 * Places each stage's span in `spans` (one trace, any order): the first of that name after the
 * request, or after the span its stage names in `after`. A stage without its span is left out.
 */
export function stageTimes(stages: readonly Stage[], spans: readonly SpanRecord[], requestMs: number): StageTimes {
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  const times: StageTimes = new Map();
  const found = new Map<string, SpanRecord>();
  for (const stage of stages) {
    const after = stage.after === undefined ? requestMs : (found.get(stage.after)?.startMs ?? requestMs);
    const span = ordered.find((candidate) => candidate.name === stage.span && candidate.startMs >= after);
    if (!span) continue;
    found.set(stage.span, span);
    times.set(stage.label, { offsetMs: span.startMs - requestMs, durationMs: span.endMs - span.startMs });
  }
  return times;
}

/** A waterfall table in markdown: per stage, p50 of its start and p50 / p95 / max of its duration. */
export function waterfall(title: string, labels: readonly string[], samples: readonly StageTimes[]): string[] {
  const lines = [`${title} (n=${samples.length}; ms; start is after the request was sent)`, '', '| stage | start p50 | duration p50 | p95 | max |', '|---|---|---|---|---|'];
  for (const label of labels) {
    const seen = samples.flatMap((sample) => sample.get(label) ?? []);
    if (seen.length === 0) continue;
    const durations = seen.map((time) => time.durationMs);
    const cell = (value: number) => value.toFixed(1);
    lines.push(
      `| ${label} | ${cell(percentile(seen.map((time) => time.offsetMs), 50))} | ${cell(percentile(durations, 50))} | ${cell(percentile(durations, 95))} | ${cell(Math.max(...durations))} |`,
    );
  }
  lines.push('');
  return lines;
}
