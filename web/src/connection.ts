// Whether the console is connected, shown so a dead picture never looks live: a banner (role=status) that says
// "disconnected" within 2 s of the server going away, from the hub's own close or reconnect and from a heartbeat (a
// small request every 0.5 s that must answer within 1 s). The hub reconnects with backoff (0.5, 1, 2, 4, then every
// 5 s, for ever), and every return (hub reconnected, or heartbeat back) calls `resync`, which fetches everything again.
import type { HubConnection } from "@microsoft/signalr";

export const HeartbeatPeriodMs = 500;
export const HeartbeatTimeoutMs = 1000;

/** Delay before reconnect attempt `n` (0-based): 0.5, 1, 2, 4 s, then 5 s for ever. */
export function retryDelay(n: number): number {
  return Math.min(5000, 500 * 2 ** n);
}

export class ConnectionWatch {
  private readonly banner: HTMLElement;
  private up = true;
  private since = Date.now();
  private resyncing = false;

  constructor(private readonly hub: HubConnection, private readonly resync: () => Promise<void>) {
    this.banner = document.createElement("div");
    this.banner.id = "connection";
    this.banner.dataset.testid = "connection";
    this.banner.setAttribute("role", "status");
    this.banner.hidden = true;
    document.body.prepend(this.banner);
    document.body.dataset.connection = "connected";
    hub.onreconnecting(() => this.down("the live connection was lost"));
    hub.onreconnected(() => void this.back());
    hub.onclose(() => {
      this.down("the live connection closed");
      void this.restart();
    });
    setInterval(() => void this.beat(), HeartbeatPeriodMs);
  }

  get connected(): boolean {
    return this.up;
  }

  private down(why: string): void {
    if (this.up) this.since = Date.now();
    this.up = false;
    document.body.dataset.connection = "disconnected";
    this.banner.hidden = false;
    this.banner.textContent = `DISCONNECTED since ${new Date(this.since).toISOString().slice(11, 19)} UTC: ${why}; the picture is stale. Reconnecting...`;
  }

  /** The hub gave up (or never came back): start it again, with backoff, until it connects. */
  private async restart(): Promise<void> {
    for (let n = 0; this.hub.state === "Disconnected"; n++) {
      await new Promise((r) => setTimeout(r, retryDelay(n)));
      try {
        await this.hub.start();
        await this.back();
        return;
      } catch {
        // still down: try again later
      }
    }
  }

  private async beat(): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), HeartbeatTimeoutMs);
    try {
      const r = await fetch("/api/session", { credentials: "same-origin", signal: abort.signal, cache: "no-store" });
      if (r.status >= 500) throw new Error(`server answered ${r.status}`);
      if (!this.up && this.hub.state === "Connected") await this.back();
    } catch {
      this.down("the server does not answer");
    } finally {
      clearTimeout(timer);
    }
  }

  /** Connected again: fetch the whole state (picture, recommendations, holds, mode) before saying so. */
  private async back(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      await this.resync();
      this.up = true;
      document.body.dataset.connection = "connected";
      this.banner.hidden = true;
      this.banner.textContent = "";
    } catch {
      // the resync failed: stay "disconnected"; the next heartbeat tries again
    } finally {
      this.resyncing = false;
    }
  }
}
