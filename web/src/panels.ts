// The side panels: summary with a chart, time line (recommendations: recommendations.ts; threat table: operator.ts).
import { money, runClock, type SeriesPoint } from "./format";
import type { EventView, Picture, SummaryView } from "./types";

const el = (id: string) => document.getElementById(id)!;

const shown = new Map<string, string>();

/** Sets an element's HTML only when it changed (10 pictures a second mostly repeat the panels); true if it did. */
function setHtml(id: string, html: string): boolean {
  if (shown.get(id) === html) return false;
  el(id).innerHTML = html;
  shown.set(id, html);
  return true;
}

/**
 * The summary. Live (`truth` false) only what the defence knows: rounds and money spent, impacts observed, kills
 * assessed by the sensors' look. After the run, the after-action truth, labelled as such.
 */
export function showSummary(s: SummaryView): void {
  const spent = `<span>rounds <b data-testid="rounds">${s.rounds}</b></span> <span>spent <b>${money(s.defenderSpend)}</b></span>`;
  setHtml("summary", !s.truth
    ? `${spent} <span>impacts seen <b>${s.impacts}</b></span> <span>kills assessed <b>${s.assessedKills}</b></span>`
    : `<span class="truth-label">after-action (truth)</span> <span>launched <b>${s.launched}</b></span> ` +
      `<span>destroyed <b data-testid="destroyed">${s.destroyed}</b></span> <span>leaked <b>${s.leaked}</b></span> ${spent} ` +
      `<span>cost exchange <b>${(s.costExchangeRatio ?? 0).toFixed(2)}</b></span>`);
}

/** Leakers (red) and interceptor rounds fired (blue), cumulative, as steps from the start of the run to `now`. */
export function showChart(history: SeriesPoint[], now: number): void {
  const canvas = el("chart") as HTMLCanvasElement;
  const g = canvas.getContext("2d")!;
  g.clearRect(0, 0, canvas.width, canvas.height);
  const end = Math.max(now, 1);
  const last = history.length ? history[history.length - 1] : { time: 0, leaked: 0, rounds: 0 };
  const top = Math.max(1, last.leaked, last.rounds);
  const x = (t: number) => (Math.min(t, end) / end) * (canvas.width - 4) + 2;
  const y = (v: number) => canvas.height - 2 - (v / top) * (canvas.height - 14);
  const line = (key: "leaked" | "rounds", colour: string) => {
    g.strokeStyle = colour;
    g.beginPath();
    g.moveTo(x(0), y(0));
    let value = 0;
    for (const h of history) {
      g.lineTo(x(h.time), y(value));
      value = h[key];
      g.lineTo(x(h.time), y(value));
    }
    g.lineTo(x(end), y(value));
    g.stroke();
  };
  line("rounds", "#6fb3ff");
  line("leaked", "#ff6060");
  g.fillStyle = "#aaa";
  g.fillText(`rounds ${last.rounds} (blue), leakers ${last.leaked} (red), to ${runClock(now)}`, 4, 10);
}

export function appendEvents(events: EventView[]): void {
  const list = el("events");
  for (const e of events) {
    const li = document.createElement("li");
    li.dataset.kind = e.kind;
    li.textContent = `${runClock(e.time)} ${e.kind}${e.threatClass ? ` ${e.threatClass}` : ""}${e.trackId >= 0 ? ` track ${e.trackId}` : ""}${e.effector ? ` ${e.effector}` : ""} ${e.detail}`;
    list.prepend(li);
  }
  while (list.childElementCount > 300) list.lastElementChild!.remove();
}

export function showClock(p: Picture & { status?: string; reason?: string | null }): void {
  const failed = p.status === "failed";
  el("clock").textContent = `${runClock(p.time)} ${p.clock.paused ? "paused" : `${p.clock.speed}x`}${p.finished ? " finished" : ""}${failed ? " FAILED" : ""}`;
  // Why the run failed, or why decisions are not being recorded (then nothing fires): shown until it is resolved.
  el("run-problem").textContent = p.reason ?? "";
}
