// The live inputs' counters (GET /api/feeds): a small side panel, shown only when the server has a feed (serve --cot-in).
export interface FeedStatus {
  name: string;
  received: number;
  malformed: number;
  rejectedBySource: number;
  rejectedByTime: number;
  implausible: number;
  restarts: number;
  lastFault: string | null;
  kernelDrops: number | null;
  applied: number | null;
}

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** One feed as a line of counts; the fault of a restarted loop, when any, as its title. */
export function feedLine(f: FeedStatus): string {
  const parts = [
    `received <b>${f.received}</b>`,
    f.applied === null ? "" : `applied <b>${f.applied}</b>`,
    `malformed <b>${f.malformed}</b>`,
    `rejected: source <b>${f.rejectedBySource}</b>, time <b>${f.rejectedByTime}</b>, implausible <b>${f.implausible}</b>`,
    f.kernelDrops === null ? "" : `kernel drops <b>${f.kernelDrops}</b>`,
    f.restarts === 0 ? "" : `<span title="${escape(f.lastFault ?? "")}">restarts <b>${f.restarts}</b></span>`,
  ].filter((p) => p !== "");
  return `<div data-testid="feed-${escape(f.name)}"><strong>${escape(f.name)}</strong> ${parts.join(" &middot; ")}</div>`;
}

async function refresh(section: HTMLElement, body: HTMLElement): Promise<void> {
  const response = await fetch("/api/feeds");
  if (!response.ok) return;
  const feeds = (await response.json()) as FeedStatus[];
  section.hidden = feeds.length === 0;
  const html = feeds.map(feedLine).join("");
  if (body.innerHTML !== html) body.innerHTML = html;
}

const aside = typeof document === "undefined" ? null : document.querySelector("aside");
if (aside) {
  const section = document.createElement("section");
  section.hidden = true;
  section.innerHTML = `<h2>Feeds</h2><div id="feeds" data-testid="feeds"></div>`;
  aside.appendChild(section);
  const body = section.querySelector<HTMLElement>("#feeds")!;
  const tick = () => refresh(section, body).catch(() => undefined);
  void tick();
  setInterval(tick, 5000);
}
