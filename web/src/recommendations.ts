// The recommendations panel: one card per pending recommendation, in a stable order (by id), updated in place (text of
// the cells that changed; the buttons are made once and never re-drawn), so the list never moves under the pointer and
// keyboard focus survives every picture. A recommendation that goes away while the pointer or focus is in the list
// stays in place, greyed out with its buttons disabled, until the pointer and focus leave. Each press reads the card's
// id and version at that moment: the approval names exactly what the operator saw, and the server refuses it (409, the
// reason shown) if the pairing changed. Keyboard: arrow keys move between cards, a approve, v veto, h hold/release fire
// on the card's track. Held tracks are listed under the cards with a Release button.
import "./decisions.css";
import { money, runClock } from "./format";
import type { HoldView, RecommendationView } from "./types";

export interface RecommendationActions {
  approve(id: number, version: number): void;
  veto(id: number, version: number): void;
  hold(track: number): void;
  release(track: number): void;
  /** Whether the signed-in account decides for fire unit `effector`. */
  mayDecide(effector: string): boolean;
  /** Whether the signed-in account may hold and release fire (battle manager and above). */
  mayHold(): boolean;
}

interface Card {
  root: HTMLElement;
  cells: Record<"head" | "threat" | "figures" | "why" | "deadline" | "state", HTMLElement>;
  buttons: Record<"approve" | "veto" | "hold", HTMLButtonElement>;
  gone: boolean;
}

function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

function setData(e: HTMLElement, key: string, value: string): void {
  if (e.dataset[key] !== value) e.dataset[key] = value;
}

function button(label: string, act: string, key: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.dataset.act = act;
  b.setAttribute("aria-keyshortcuts", key);
  return b;
}

export class RecommendationList {
  private readonly cards = new Map<number, Card>();
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly holdList: HTMLElement;
  private readonly holdRows = new Map<number, HTMLElement>();
  private held = new Set<number>();

  constructor(private readonly box: HTMLElement, private readonly actions: RecommendationActions) {
    box.replaceChildren();
    this.list = document.createElement("div");
    this.list.className = "rec-list";
    this.list.setAttribute("role", "list");
    this.list.setAttribute("aria-label", "Pending recommendations (arrow keys move, A approve, V veto, H hold or release fire)");
    this.empty = document.createElement("p");
    this.empty.className = "muted";
    this.empty.textContent = "none pending";
    const heldTitle = document.createElement("h3");
    heldTitle.textContent = "Fire held on";
    this.holdList = document.createElement("ul");
    this.holdList.className = "holds";
    this.holdList.dataset.testid = "holds";
    this.holdList.setAttribute("aria-label", "Tracks fire is held on");
    box.append(this.empty, this.list, heldTitle, this.holdList);
    box.addEventListener("click", (e) => this.onClick(e));
    box.addEventListener("keydown", (e) => this.onKey(e));
    // Cards kept while the pointer or focus was in the list go when both have left.
    box.addEventListener("pointerleave", () => this.sweep());
    box.addEventListener("focusout", () => setTimeout(() => this.sweep(), 0));
  }

  /** The pointer or the focus is in the panel: nothing may move now. */
  private get engaged(): boolean {
    return this.box.matches(":hover") || this.box.contains(document.activeElement);
  }

  show(recs: RecommendationView[], holds: HoldView[], time: number): void {
    this.held = new Set(holds.map((h) => h.trackId));
    const seen = new Set<number>();
    for (const r of [...recs].sort((a, b) => a.id - b.id)) {
      seen.add(r.id);
      let card = this.cards.get(r.id);
      if (!card) {
        card = this.make(r);
        this.cards.set(r.id, card);
        this.insert(card, r.id);
      }
      this.update(card, r, time);
    }
    const keep = this.engaged;
    for (const [id, card] of this.cards) {
      if (seen.has(id)) continue;
      if (keep) this.markGone(card);
      else this.remove(id);
    }
    this.empty.hidden = this.cards.size > 0;
    this.showHolds(holds);
  }

  /** In id order: after the last card with a smaller id (new ids are larger, so they go to the end). */
  private insert(card: Card, id: number): void {
    let before: HTMLElement | null = null;
    for (const [other, c] of this.cards) if (other > id && (!before || Number(before.dataset.id) > other)) before = c.root;
    this.list.insertBefore(card.root, before);
  }

  private make(r: RecommendationView): Card {
    const root = document.createElement("div");
    root.className = "rec";
    root.tabIndex = 0;
    root.setAttribute("role", "listitem");
    root.dataset.testid = "recommendation";
    root.dataset.id = String(r.id);
    const cell = (name: string) => {
      const e = document.createElement("div");
      e.className = `rec-${name}`;
      root.append(e);
      return e;
    };
    const cells = { head: cell("head"), threat: cell("threat"), figures: cell("figures"), why: cell("why"), deadline: cell("deadline"), state: cell("state") };
    const actions = document.createElement("div");
    actions.className = "rec-actions";
    const buttons = { approve: button("Approve", "approve", "A"), veto: button("Veto", "veto", "V"), hold: button("Hold fire", "hold", "H") };
    actions.append(buttons.approve, buttons.veto, buttons.hold);
    // Buttons only on the cards of fire units the account decides for (an observer gets none).
    if (this.actions.mayDecide(r.effector)) root.append(actions);
    return { root, cells, buttons, gone: false };
  }

  private update(card: Card, r: RecommendationView, time: number): void {
    const { root, cells, buttons } = card;
    card.gone = false;
    root.classList.remove("gone");
    setData(root, "version", String(r.version));
    setData(root, "track", String(r.trackId));
    setData(root, "effector", r.effector);
    const held = this.held.has(r.trackId);
    root.classList.toggle("held", held);
    setText(cells.head, `${r.effector} (${r.effectorClass}) → track ${r.trackId}${held ? " · HELD" : ""}`);
    const toGo = r.timeToGo !== null ? `${runClock(r.timeToGo)} to go` : "time to go unknown";
    setText(cells.threat, r.threatClass
      ? `${r.threatClass} ${r.confidence !== null ? `${Math.round(r.confidence * 100)}%` : ""}, ${r.asset ? `at ${r.asset}` : "no asset predicted"}, ${toGo}`
      : "not assessed as a threat now");
    setText(cells.figures, `${r.rounds} rd, Pk ${r.killProbability.toFixed(2)}, ${money(r.cost)}, launch ${runClock(r.launchTime)}, ` +
      `intercept ${runClock(r.interceptTime)} · v${r.version}`);
    setText(cells.why, r.why);
    const left = r.deadline !== null ? Math.max(0, Math.round(r.deadline - time)) : null;
    setText(cells.deadline, left === null ? "" : r.deadlineKind === "fires" ? `fires on its own in ${left} s unless vetoed` : `impact in ${runClock(left)}`);
    root.classList.toggle("urgent", left !== null && left < 60);
    const mine = this.actions.mayDecide(r.effector);
    setText(cells.state, r.approved ? "approved: fires at the next step" : mine ? "" : "not yours to decide");
    const off = r.approved || !mine;
    for (const b of [buttons.approve, buttons.veto, buttons.hold]) {
      if (b.disabled !== off) b.disabled = off;
      if (b.hidden !== !mine) b.hidden = !mine;
    }
    const label = `Recommendation ${r.id} version ${r.version}: ${r.effector} on track ${r.trackId}`;
    if (root.getAttribute("aria-label") !== label) root.setAttribute("aria-label", label);
  }

  private markGone(card: Card): void {
    if (card.gone) return;
    card.gone = true;
    card.root.classList.add("gone");
    setText(card.cells.state, "no longer pending");
    for (const b of Object.values(card.buttons)) b.disabled = true;
  }

  private remove(id: number): void {
    const card = this.cards.get(id);
    if (!card) return;
    const focused = card.root.contains(document.activeElement);
    const next = (card.root.nextElementSibling ?? card.root.previousElementSibling) as HTMLElement | null;
    card.root.remove();
    this.cards.delete(id);
    if (focused) next?.focus();
  }

  /** Removes the cards kept in place once the pointer and focus have left. */
  private sweep(): void {
    if (this.engaged) return;
    for (const [id, card] of this.cards) if (card.gone) this.remove(id);
    this.empty.hidden = this.cards.size > 0;
  }

  private showHolds(holds: HoldView[]): void {
    const seen = new Set<number>();
    for (const h of holds) {
      seen.add(h.trackId);
      let row = this.holdRows.get(h.trackId);
      if (!row) {
        row = document.createElement("li");
        row.dataset.track = String(h.trackId);
        const text = document.createElement("span");
        const release = button("Release", "release", "H");
        release.dataset.track = String(h.trackId);
        release.setAttribute("aria-label", `Release the hold on track ${h.trackId}`);
        row.append(text);
        if (this.actions.mayHold()) row.append(" ", release);
        this.holdRows.set(h.trackId, row);
        this.holdList.append(row);
      }
      setText(row.firstElementChild as HTMLElement, `track ${h.trackId}: held by ${h.operator} at ${runClock(h.time)} (${h.at.slice(11, 19)} UTC)`);
    }
    for (const [track, row] of this.holdRows) if (!seen.has(track)) {
      row.remove();
      this.holdRows.delete(track);
    }
  }

  private onClick(e: Event): void {
    const b = (e.target as HTMLElement).closest("button");
    if (!b || b.disabled) return;
    if (b.dataset.act === "release") {
      this.actions.release(Number(b.dataset.track));
      return;
    }
    const card = b.closest<HTMLElement>(".rec");
    if (card) this.act(card, b.dataset.act ?? "");
  }

  /** What the card shows now (id, version, track) is what is decided. */
  private act(card: HTMLElement, act: string): void {
    const id = Number(card.dataset.id);
    const version = Number(card.dataset.version);
    const track = Number(card.dataset.track);
    const c = this.cards.get(id);
    if (!c || c.gone) return;
    if (act === "approve" && !c.buttons.approve.disabled) this.actions.approve(id, version);
    else if (act === "veto" && !c.buttons.veto.disabled) this.actions.veto(id, version);
    else if (act === "hold" && !c.buttons.hold.hidden) {
      if (this.held.has(track)) this.actions.release(track);
      else this.actions.hold(track);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const card = (e.target as HTMLElement).closest<HTMLElement>(".rec");
    if (!card) return;
    const cards = [...this.list.querySelectorAll<HTMLElement>(".rec")];
    const i = cards.indexOf(card);
    const key = e.key.toLowerCase();
    if (key === "arrowdown" || key === "arrowup") {
      cards[Math.min(cards.length - 1, Math.max(0, i + (key === "arrowdown" ? 1 : -1)))]?.focus();
      e.preventDefault();
    } else if (key === "a" || key === "v" || key === "h") {
      this.act(card, key === "a" ? "approve" : key === "v" ? "veto" : "hold");
      e.preventDefault();
    }
  }
}
