// After-action replay: a time slider over a run's night and play at a speed; pictures come from GET /api/runs/{id}/replay,
// which re-runs the scenario and seed with the engagements the operator released. The live push is ignored meanwhile.
import { api } from "./api";
import { runClock } from "./format";
import type { Picture } from "./types";

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Wall seconds between two replay pictures while playing. */
const PlayPeriod = 0.25;

export class ReplayControl {
  active = false;
  private runId: string | null = null;
  private playing: number | null = null;
  private inFlight = false;
  private wanted: number | null = null;
  private jumped = false;
  private readonly slider = el<HTMLInputElement>("replay-time");

  /** show(picture, jumped): jumped is true when the time moved other than by playing forward. */
  constructor(private readonly show: (p: Picture, jumped: boolean) => void, private readonly onLive: () => void, private readonly say: (s: string) => void) {
    el<HTMLButtonElement>("replay").onclick = () => this.start();
    el<HTMLButtonElement>("replay-live").onclick = () => this.stop();
    el<HTMLButtonElement>("replay-play").onclick = () => this.togglePlay();
    this.slider.oninput = () => { this.pause(); this.request(Number(this.slider.value), true); };
  }

  /** Follows another run: back to live without asking for the live picture (the caller loads the new run). */
  follow(runId: string): void {
    this.leave();
    this.runId = runId;
  }

  async start(): Promise<void> {
    if (!this.runId) return;
    const state = await api.run(this.runId);
    this.slider.max = String(state.time);
    this.slider.value = String(state.time);
    this.active = true;
    document.body.classList.add("replaying");
    this.request(state.time, true);
  }

  stop(): void {
    this.leave();
    this.onLive();
  }

  private leave(): void {
    this.pause();
    this.active = false;
    document.body.classList.remove("replaying");
    el("replay-at").textContent = "live";
  }

  private togglePlay(): void {
    if (!this.active) return;
    if (this.playing !== null) { this.pause(); return; }
    if (Number(this.slider.value) >= Number(this.slider.max)) this.slider.value = "0";
    this.playing = window.setInterval(() => {
      const speed = Number(el<HTMLSelectElement>("replay-speed").value);
      const next = Math.min(Number(this.slider.max), Number(this.slider.value) + speed * PlayPeriod);
      this.slider.value = String(next);
      this.request(next, false);
      if (next >= Number(this.slider.max)) this.pause();
    }, PlayPeriod * 1000);
    el("replay-play").textContent = "pause";
  }

  private pause(): void {
    if (this.playing !== null) window.clearInterval(this.playing);
    this.playing = null;
    el("replay-play").textContent = "play";
  }

  /** One request in flight at a time; the latest time asked for wins. */
  private request(time: number, jumped: boolean): void {
    this.wanted = time;
    this.jumped ||= jumped;
    if (!this.inFlight) void this.fetchWanted();
  }


  private async fetchWanted(): Promise<void> {
    while (this.wanted !== null && this.runId && this.active) {
      const time = this.wanted;
      const jumped = this.jumped;
      this.wanted = null;
      this.jumped = false;
      this.inFlight = true;
      try {
        const p = await api.replay(this.runId, time);
        if (!this.active) break;
        el("replay-at").textContent = `replay ${runClock(p.time)}`;
        this.show(p, jumped);
      } catch (e) {
        this.say((e as Error).message);
      } finally {
        this.inFlight = false;
      }
    }
  }
}
