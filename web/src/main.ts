// The battle manager's console: signs in, then follows one run (the ?run= id, else the server's current run) over the
// SignalR hub. Controls the account's role may not use are hidden (run control: commander) or left out (approve and
// veto on fire units of other nations); the server checks every call again.
import "ol/ol.css";
import "./style.css";
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { api, ApiError, post, whenSignedOut } from "./api";
import { AirPictureMap } from "./map";
import { ReplayControl } from "./replay";
import "./feeds";
import { appendEvents, showChart, showClock, showSummary } from "./panels";
import { RecommendationList } from "./recommendations";
import { ConnectionWatch, retryDelay } from "./connection";
import { ModeControl, newRunModeSelect } from "./mode";
import { OperatorPanels } from "./operator";
import { addToSeries, decodePicture, type SeriesPoint } from "./format";
import type { AccountView, LivePicture, Picture } from "./types";

const map = new AirPictureMap(document.getElementById("map")!);
const operator = new OperatorPanels(map);
const status = document.getElementById("status")!;
const series: SeriesPoint[] = [];
let chartedAt = -1;
let runId: string | null = new URLSearchParams(location.search).get("run");
let last: Picture | null = null;
let account: AccountView | null = null;
/** Nation of each fire unit of the run followed. */
let nations = new Map<string, string>();

// A replay picture holds every event up to its time: after a jump all are new, while playing on only the later ones.
const replay = new ReplayControl((p, jumped) => {
  const shownTime = last?.time ?? -1;
  if (jumped) restart();
  else p.newEvents = p.newEvents.filter((e) => e.time > shownTime);
  render(p);
}, () => void showLive(), (s) => (status.textContent = s));

/** Back from replay: the live picture now and the whole time line so far. */
async function showLive(): Promise<void> {
  restart();
  if (!runId) return;
  timeline(await api.events(runId));
  render(await api.picture(runId));
}

/** Forgets what the map and panels accumulated (trails, chart, time line): the next picture starts afresh. */
function restart(): void {
  map.clearPicture();
  series.length = 0;
  chartedAt = -1;
  document.getElementById("events")!.innerHTML = "";
  operator.reset();
}

/** What the browser tests and the benchmark read. */
const probe = { connected: () => watch.connected, account: () => account, watching: null as string | null, pictures: 0, applied: 0, frameMs: [] as number[], latencyMs: [] as number[], screenMs: [] as number[], counts: () => map.counts(),
  drawn: () => map.drawn(), selected: () => operator.selection(), pagePixelOf: (id: number) => map.pagePixelOf(id), last: () => last, runId: () => runId, replaying: () => replay.active, series: () => series };
(window as unknown as { canopy: typeof probe }).canopy = probe;

const connection = new HubConnectionBuilder().withUrl("/hub")
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => retryDelay(c.previousRetryCount) })
  .configureLogging(LogLevel.Warning).build();
connection.serverTimeoutInMilliseconds = 4000;
connection.keepAliveIntervalInMilliseconds = 1000;
const recommendations = new RecommendationList(document.getElementById("recommendations")!, {
  approve: (id, version) => void decide(id, version, true),
  veto: (id, version) => void decide(id, version, false),
  hold: (track) => void holdFire(track, true),
  release: (track) => void holdFire(track, false),
  mayDecide: (effector) => mayDecide(effector),
  mayHold: () => account !== null && account.role !== "observer",
});
const modeControl = new ModeControl(document.getElementById("mode") as HTMLSelectElement, async (mode) => {
  if (runId) await api.mode(runId, mode);
}, (s) => (status.textContent = s));
const newRunMode = newRunModeSelect(document.getElementById("seed")!.parentElement!);
const watch = new ConnectionWatch(connection, () => resync());
// Pictures are applied once per animation frame, the latest one: a burst never queues up behind a slow frame.
// Events of pictures skipped that way are kept and shown with the next.
// Hub pictures are compact (see LivePicture); only the one applied is decoded.
let pending: LivePicture | null = null;
const skippedEvents: Picture["newEvents"] = [];
connection.on("picture", (p: LivePicture) => {
  if (p.runId !== runId || replay.active) return;
  probe.latencyMs.push(Date.now() - p.sentAt);
  if (probe.latencyMs.length > 1000) probe.latencyMs.shift();
  probe.pictures++;
  if (pending) skippedEvents.push(...pending.newEvents);
  else requestAnimationFrame(applyPending);
  pending = p;
});

function applyPending(): void {
  if (!pending || replay.active) {
    pending = null;
    return;
  }
  const start = performance.now();
  const sentAt = pending.sentAt;
  const p = decodePicture(pending);
  pending = null;
  if (skippedEvents.length) p.newEvents = [...skippedEvents.splice(0), ...p.newEvents];
  render(p);
  probe.applied++;
  // Picture to screen: from the server's build to the end of the map frame that draws it.
  map.map.once("postrender", () => {
    probe.screenMs.push(Date.now() - sentAt);
    if (probe.screenMs.length > 1000) probe.screenMs.shift();
  });
  probe.frameMs.push(performance.now() - start);
  if (probe.frameMs.length > 1000) probe.frameMs.shift();
}

function render(p: Picture): void {
  last = p;
  map.showPicture(p);
  showClock(p);
  showSummary(p.summary);
  timeline(p.newEvents);
  if (chartedAt !== p.time) {
    chartedAt = p.time;
    showChart(series, p.time);
  }
  recommendations.show(p.recommendations, p.holds ?? [], p.time);
  operator.show(p, (p as { threatCount?: number }).threatCount, !replay.active);
  modeControl.show(p.mode);
}

/** New time line events: to the list and to the leakers and rounds chart. */
function timeline(events: Picture["newEvents"]): void {
  appendEvents(events);
  addToSeries(series, events);
  if (events.length) chartedAt = -1;
}

/** Whether the signed-in account decides for fire unit `effector`: a commander or administrator for all, a battle manager for its nations. */
function mayDecide(effector: string): boolean {
  if (!account) return false;
  if (account.role === "commander" || account.role === "admin") return true;
  return account.role === "battle-manager" && account.nations.includes(nations.get(effector) ?? "");
}

/** Approves or vetoes recommendation `id` as shown in `version`; a refusal (409) shows the server's reason. */
async function decide(id: number, version: number, approve: boolean): Promise<void> {
  if (!runId) return;
  try {
    await (approve ? api.approve(runId, id, version) : api.veto(runId, id, version));
    status.textContent = `${approve ? "approved" : "vetoed"} recommendation ${id} (version ${version})`;
  } catch (e) {
    status.textContent = `${approve ? "approval" : "veto"} refused: ${(e as Error).message}`;
  }
}

async function holdFire(track: number, hold: boolean): Promise<void> {
  if (!runId) return;
  try {
    await (hold ? api.hold(runId, track) : api.release(runId, track));
    status.textContent = hold ? `fire held on track ${track}` : `hold on track ${track} released`;
  } catch (e) {
    status.textContent = `${hold ? "hold" : "release"} refused: ${(e as Error).message}`;
  }
}

/** Everything again from the server (after a reconnect or a reload): the time line, then the picture or, for a run no longer live, its state. */
async function resync(): Promise<void> {
  if (!runId) return;
  const id = runId;
  if (connection.state === "Connected") await connection.invoke("Watch", id);
  restart();
  timeline(await api.events(id));
  await showNow(id);
}

/** The run's picture now; a run not live in this server (an earlier process's) shows its saved state: clock, status and summary. */
async function showNow(id: string): Promise<void> {
  try {
    render(await api.picture(id));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const state = await api.run(id);
    showSummary(state.summary);
    document.getElementById("clock")!.textContent = `${state.status ?? ""} at ${Math.round(state.time)} s`;
    document.getElementById("run-problem")!.textContent = state.reason ?? "";
    recommendations.show([], [], state.time);
    modeControl.show(state.mode);
  }
}

async function follow(id: string): Promise<void> {
  if (runId && connection.state === "Connected") await connection.invoke("Unwatch", runId);
  runId = id;
  replay.follow(id);
  restart();
  const layout = await api.layout(id);
  nations = new Map(layout.effectors.map((e) => [e.id, e.nation]));
  map.showLayout(layout);
  operator.layout(layout);
  timeline(await api.events(id));
  if (connection.state === "Connected") await connection.invoke("Watch", id);
  await showNow(id);
  probe.watching = id;
  status.textContent = `run ${id}`;
}

/** Shows the sign-in form until a sign-in succeeds. */
function signInForm(): Promise<AccountView> {
  const screen = document.getElementById("sign-in-screen")!;
  const form = document.getElementById("sign-in") as HTMLFormElement;
  const error = document.getElementById("sign-in-error")!;
  screen.hidden = false;
  (document.getElementById("sign-in-name") as HTMLInputElement).focus();
  return new Promise((resolve) => {
    form.onsubmit = async (e) => {
      e.preventDefault();
      const name = (document.getElementById("sign-in-name") as HTMLInputElement).value;
      const password = document.getElementById("sign-in-password") as HTMLInputElement;
      try {
        const signed = await api.signIn(name, password.value);
        password.value = "";
        error.textContent = "";
        screen.hidden = true;
        resolve(signed);
      } catch (x) {
        error.textContent = (x as Error).message;
      }
    };
  });
}

/** The signed-in account: a one-time ticket in the address (#ticket=...), else the session's cookie, else the sign-in form. */
async function signIn(): Promise<AccountView> {
  const ticket = new URLSearchParams(location.hash.slice(1)).get("ticket");
  if (ticket) {
    history.replaceState(null, "", location.pathname + location.search);
    const signed = await api.signInWithTicket(ticket).catch(() => null);
    if (signed) return signed;
  }
  try {
    return await api.session();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  return signInForm();
}

function showAccount(a: AccountView): void {
  account = a;
  const nationsText = a.role === "battle-manager" ? ` for ${a.nations.join(", ")}` : "";
  document.getElementById("account")!.textContent = `${a.name} (${a.role}${nationsText})`;
  const commands = a.role === "commander" || a.role === "admin";
  document.body.classList.toggle("may-command", commands);
  (document.getElementById("mode") as HTMLSelectElement).disabled = !commands;
}

async function init(): Promise<void> {
  showAccount(await signIn());
  let asking = false;
  whenSignedOut(() => {
    if (asking) return;
    asking = true;
    void signInForm().then(() => location.reload());
  });
  document.getElementById("sign-out")!.onclick = async () => {
    await api.signOut().catch(() => undefined);
    location.reload();
  };
  const picker = document.getElementById("scenario") as HTMLSelectElement;
  for (const s of await api.scenarios()) {
    const o = document.createElement("option");
    o.value = s.name;
    o.textContent = s.errors.length ? `${s.name} (errors)` : `${s.name} (${s.threats} threats)`;
    picker.append(o);
  }
  document.getElementById("start")!.onclick = async () => {
    const seed = Number((document.getElementById("seed") as HTMLInputElement).value) || 0;
    const mode = newRunMode.value;
    try {
      const run = await api.start(picker.value, seed, mode, 1);
      window.history.replaceState(null, "", `?run=${run.id}`);
      await follow(run.id);
    } catch (e) { status.textContent = String((e as Error).message); }
  };
  const stop = document.createElement("button");
  stop.type = "button";
  stop.id = "stop-run";
  stop.textContent = "Stop run";
  document.getElementById("start")!.insertAdjacentElement("afterend", stop);
  stop.onclick = async () => {
    if (!runId || !window.confirm(`Stop run ${runId} for good? Its record stays for review.`)) return;
    await api.stop(runId).then(() => (status.textContent = `run ${runId} stopped`)).catch((x: Error) => (status.textContent = x.message));
  };
  document.querySelectorAll<HTMLButtonElement>("#clock-buttons button").forEach((b) => (b.onclick = async () => {
    if (!runId) return;
    const speed = Number(b.dataset.speed);
    await api.clock(runId, speed === 0, speed === 0 ? undefined : speed).catch((x: Error) => (status.textContent = x.message));
  }));
  await connection.start();
  if (!runId) runId = (await api.current().catch(() => null))?.id ?? null;
  if (runId) {
    const state = await api.run(runId);
    picker.value = state.scenario;
    await follow(runId);
  } else status.textContent = "no run: pick a scenario and start one";
}

/** Animation frame intervals, the browser's frame time. */
const frames: number[] = [];
let lastFrame = performance.now();
function onFrame(now: number): void {
  frames.push(now - lastFrame);
  if (frames.length > 600) frames.shift();
  lastFrame = now;
  requestAnimationFrame(onFrame);
}
requestAnimationFrame(onFrame);

/** Every 2 s, what this console measured goes to the server (for `canopy bench serve --browser`). */
let reported = { pictures: 0, applied: 0, at: performance.now() };
setInterval(() => {
  const now = performance.now();
  const pictures = probe.pictures - reported.pictures;
  if (!runId || pictures === 0) return;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const recent = probe.latencyMs.slice(-pictures);
  const sorted = [...recent].sort((a, b) => a - b);
  const applied = probe.applied - reported.applied;
  const screen = [...probe.screenMs.slice(-Math.max(1, applied))].sort((a, b) => a - b);
  const frameWindow = [...frames.slice(-120)].sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
  const report = {
    picturesPerSecond: (pictures * 1000) / (now - reported.at),
    appliedPerSecond: ((probe.applied - reported.applied) * 1000) / (now - reported.at),
    latencyMs: mean(recent),
    latencyP95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
    renderMs: mean(probe.frameMs.slice(-Math.min(pictures, 20))),
    frameMs: mean(frames.slice(-120)),
    frameP95Ms: at(frameWindow, 0.95),
    screenMedianMs: at(screen, 0.5),
    screenP95Ms: at(screen, 0.95),
    tracks: last?.tracks.length ?? 0,
    received: probe.pictures,
    applied: probe.applied,
    clockMs: now,
  };
  reported = { pictures: probe.pictures, applied: probe.applied, at: now };
  post(`/api/runs/${runId}/console-report`, report);
}, 2000);

init().catch((e) => (status.textContent = `console failed to start: ${(e as Error).message}`));
