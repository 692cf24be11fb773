// The operator's panels around the map: the selected track's readout (click a track or a threat row; Escape clears), a
// hover tip, the threat table linked to the map, class and tentative filters, the legend, the fire units' inventory, the
// UTC clock and the alert banner with its optional sound. Panels are rewritten only when their text changed.
import { AlertWatch, type Alert } from "./alerts";
import { runClock, sidc, utcClock } from "./format";
import { symbolCanvas, UnitKinds, unitSidc, type AirPictureMap } from "./map";
import { inventory, noFilter, readout, threatRows, type Readout, type TrackFilter } from "./picture";
import type { Picture, RunLayout } from "./types";

/** Rows of the threat table; the rest are counted. */
export const ThreatRows = 30;
/** Seconds an alert stays in the banner. */
const AlertSeconds = 8;
const TrackClasses = ["Ballistic", "Cruise", "Aircraft", "Drone", "Decoy", "Civil", "Friendly", "Unknown"];

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const written = new Map<string, string>();
function write(id: string, html: string): boolean {
  if (written.get(id) === html) return false;
  el(id).innerHTML = html;
  written.set(id, html);
  return true;
}
function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

const ReadoutFields: [keyof Readout, string][] = [
  ["id", "track"], ["status", "status"], ["cls", "class"], ["confidence", "confidence"], ["altitude", "altitude"], ["speed", "speed"],
  ["heading", "heading"], ["climb", "climb"], ["toGo", "time to go"], ["asset", "predicted asset"], ["mostAtRisk", "most at risk"],
  ["engagement", "engagement"], ["intercept", "time to intercept"], ["held", "hold fire"],
];

export class OperatorPanels {
  private selected: number | null = null;
  private filter: TrackFilter = noFilter();
  private last: Picture | null = null;
  private startMs: number | null = null;
  private kinds = new Map<string, { kind: string; nation: string }>();
  private readonly alerts = new AlertWatch();
  private alertUntil = 0;
  private audio: AudioContext | null = null;

  constructor(private readonly map: AirPictureMap) {
    map.onSelect = (id) => this.select(id);
    map.onHover = (id, pixel) => this.hoverTip(id, pixel);
    this.buildFilters();
    this.buildLegend();
    const table = el("threats");
    table.addEventListener("click", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("tr[data-track]");
      if (row) this.select(Number(row.dataset.track));
    });
    table.addEventListener("keydown", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("tr[data-track]");
      if (row && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        this.select(Number(row.dataset.track));
      }
    });
    table.addEventListener("mouseover", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("tr[data-track]");
      map.highlight(row ? Number(row.dataset.track) : null);
    });
    table.addEventListener("mouseleave", () => map.highlight(null));
    table.addEventListener("focusin", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("tr[data-track]");
      map.highlight(row ? Number(row.dataset.track) : null);
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.selected !== null) this.select(null);
    });
    el("readout-clear").onclick = () => this.select(null);
  }

  /** A new run's layout: fire unit kinds and nations for the inventory, the scenario's start for the UTC clock. */
  layout(layout: RunLayout): void {
    this.kinds = new Map(layout.effectors.map((e) => [e.id, { kind: UnitKinds[e.class] ?? e.class, nation: e.nation }]));
    this.startMs = layout.startUnixMs ?? null;
    this.reset();
  }

  /** Forgets the selection and what alerts were raised (a new run, or a jump in replay). */
  reset(): void {
    this.alerts.reset();
    this.select(null);
  }

  select(id: number | null): void {
    this.selected = id;
    this.map.select(id);
    if (this.last) this.showReadout(this.last);
    el("readout").hidden = id === null;
    el("readout-none").hidden = id !== null;
  }

  /** The selected track's id, or null. */
  selection(): number | null {
    return this.selected;
  }

  show(p: Picture, threatTotal?: number, live = true): void {
    this.last = p;
    this.showClock(p);
    this.showReadout(p);
    this.showThreats(p, threatTotal);
    this.showInventory(p);
    if (live) this.raise(this.alerts.check(p));
    if (this.alertUntil && performance.now() > this.alertUntil) {
      el("alert").textContent = "";
      el("alert").dataset.kind = "";
      this.alertUntil = 0;
    }
  }

  private showClock(p: Picture): void {
    const utc = this.startMs === null ? "" : `UTC ${utcClock(this.startMs, p.time)}`;
    el("utc").textContent = utc;
    el("elapsed").textContent = `elapsed ${runClock(p.time)}`;
  }

  private showReadout(p: Picture): void {
    if (this.selected === null) return;
    const r = readout(p, this.selected);
    if (!r) {
      write("readout-body", `<p class="muted">track ${this.selected} is no longer in the picture</p>`);
      return;
    }
    write("readout-body", `<dl>${ReadoutFields.map(([k, label]) => `<dt>${label}</dt><dd data-field="${k}">${escape(String(r[k]))}</dd>`).join("")}</dl>`);
  }

  private showThreats(p: Picture, total?: number): void {
    const { rows, notShown } = threatRows(p, this.filter, ThreatRows, total);
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("#threats tr[data-track]")?.dataset.track;
    const body = rows.map((r) =>
      `<tr tabindex="0" data-track="${r.trackId}"${r.trackId === this.selected ? ` class="selected"` : ""}${r.over ? ` data-over="1"` : ""}>` +
      `<td>${r.trackId}${r.held ? ` <span class="badge held" title="hold fire">HELD</span>` : ""}</td><td>${r.cls}</td><td>${r.confidence}</td>` +
      `<td>${escape(r.asset)}</td><td>${r.toGo}</td><td>${escape(r.engagedBy)}</td><td>${r.score}</td></tr>`).join("");
    const changed = write("threats-body", body);
    write("threats-more", notShown > 0 ? `${notShown} more not shown` : "");
    if (changed && focused) el("threats-body").querySelector<HTMLElement>(`tr[data-track="${focused}"]`)?.focus();
  }

  private showInventory(p: Picture): void {
    const rows = inventory(p.fireUnits, this.kinds, p.time);
    let group = "";
    const html = rows.map((r) => {
      const g = `${r.kind} (${r.nation})`;
      const head = g !== group ? `<tr class="group"><th colspan="4" scope="rowgroup">${escape(g)}</th></tr>` : "";
      group = g;
      return `${head}<tr data-unit="${escape(r.id)}"><td>${escape(r.id)}</td><td>${r.rounds}</td><td>${r.state}</td><td>${r.engaging || ""}</td></tr>`;
    }).join("");
    write("inventory-body", html);
  }

  private hoverTip(id: number | null, pixel: number[] | null): void {
    const tip = el("hover-tip");
    const r = id === null || !this.last ? null : readout(this.last, id);
    if (!r || !pixel) {
      tip.hidden = true;
      return;
    }
    tip.textContent = `track ${r.id} ${r.cls} ${r.confidence} · ${r.altitude} · ${r.speed} · ${r.toGo === "-" ? "" : `${r.toGo} to go`}`;
    tip.style.left = `${pixel[0] + 14}px`;
    tip.style.top = `${pixel[1] + 10}px`;
    tip.hidden = false;
  }

  private raise(alerts: Alert[]): void {
    if (!alerts.length) return;
    // The most urgent first: an impact, then a decision due, then a new threat.
    const order = { impact: 0, decision: 1, threat: 2 };
    const top = [...alerts].sort((a, b) => order[a.kind] - order[b.kind])[0];
    const banner = el("alert");
    banner.textContent = alerts.length > 1 ? `${top.text} (+${alerts.length - 1} more alerts)` : top.text;
    banner.dataset.kind = top.kind;
    this.alertUntil = performance.now() + AlertSeconds * 1000;
    if (el<HTMLInputElement>("alert-sound").checked) this.beep(top.kind === "impact" ? 440 : 880);
  }

  private beep(hz: number): void {
    this.audio ??= new AudioContext();
    const o = this.audio.createOscillator();
    const g = this.audio.createGain();
    o.frequency.value = hz;
    g.gain.value = 0.1;
    o.connect(g).connect(this.audio.destination);
    o.start();
    o.stop(this.audio.currentTime + 0.15);
  }

  private buildFilters(): void {
    const box = el("filters");
    for (const c of TrackClasses) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.checked = true;
      input.dataset.class = c;
      input.onchange = () => {
        if (input.checked) this.filter.hiddenClasses.delete(c);
        else this.filter.hiddenClasses.add(c);
        this.applyFilter();
      };
      label.append(input, ` ${c.toLowerCase()}`);
      box.append(label);
    }
    const tentative = el<HTMLInputElement>("hide-tentative");
    tentative.onchange = () => {
      this.filter.hideTentative = tentative.checked;
      this.applyFilter();
    };
  }

  private applyFilter(): void {
    this.map.setFilter(this.filter);
    if (this.last) this.showThreats(this.last);
  }

  private buildLegend(): void {
    const list = el("legend");
    const item = (canvas: HTMLCanvasElement | null, text: string, swatch?: string) => {
      const li = document.createElement("li");
      if (canvas) {
        canvas.setAttribute("aria-hidden", "true");
        li.append(canvas);
      } else {
        const s = document.createElement("span");
        s.className = `swatch ${swatch}`;
        s.setAttribute("aria-hidden", "true");
        li.append(s);
      }
      li.append(` ${text}`);
      list.append(li);
    };
    for (const c of ["Ballistic", "Cruise", "Aircraft", "Drone", "Decoy", "Civil", "Friendly"]) item(symbolCanvas(sidc(c), 14), c.toLowerCase());
    item(symbolCanvas(sidc(undefined), 14), "unknown or tentative");
    for (const [cls, name] of Object.entries(UnitKinds)) item(symbolCanvas(unitSidc(cls), 14), name);
    item(null, "aggregate: tracks of one class, with their count", "aggregate");
    item(null, "engaged (rounds in the air)", "engaged");
    item(null, "approved engagement", "approved");
    item(null, "proposed engagement", "proposed");
    item(null, "predicted path to impact", "path");
    item(null, "defended asset", "asset");
  }
}
