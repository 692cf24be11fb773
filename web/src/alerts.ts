// Alerts an operator must not miss: new high-priority threats, pending decisions near their deadline, impacts. Each is
// raised once (by track, recommendation or event); the console shows them in a banner and, when asked, beeps.
import { toGo } from "./format";
import { firstArrival, firstAsset } from "./picture";
import type { Picture } from "./types";

/** A threat is high-priority when it threatens a defended area and may strike within this many seconds (ballistic: always). */
export const HighPrioritySeconds = 300;
/** A pending decision is near its deadline (semi-automatic release, else the launch time) within this many seconds. */
export const DeadlineSeconds = 20;

export interface Alert { kind: "threat" | "decision" | "impact"; text: string }

export class AlertWatch {
  private readonly threats = new Set<number>();
  private readonly decisions = new Set<number>();

  /** Forgets what was raised (another run, or back from replay). */
  reset(): void {
    this.threats.clear();
    this.decisions.clear();
  }

  /** The alerts this picture raises that were not raised before. */
  check(p: Picture): Alert[] {
    const alerts: Alert[] = [];
    const fresh = p.threats.filter((t) => t.threatensDefendedArea && (t.class === "Ballistic" || firstArrival(t) < HighPrioritySeconds)
      && !this.threats.has(t.trackId));
    for (const t of fresh) this.threats.add(t.trackId);
    if (fresh.length) {
      const first = fresh[0];
      const more = fresh.length > 1 ? ` (+${fresh.length - 1} more)` : "";
      alerts.push({ kind: "threat", text: `New threat: ${first.class} track ${first.trackId} on ${firstAsset(first) ?? "?"}, ${toGo(firstArrival(first))} to go${more}` });
    }
    for (const r of p.recommendations) {
      if (r.approved || this.decisions.has(r.id)) continue;
      const deadline = r.releaseAt ?? r.launchTime;
      const left = deadline - p.time;
      if (left <= DeadlineSeconds) {
        this.decisions.add(r.id);
        alerts.push({ kind: "decision", text: `Decision due: ${r.effector} on track ${r.trackId}, ${r.releaseAt !== null ? "fires" : "launch window"} in ${toGo(Math.max(0, left))}` });
      }
    }
    for (const e of p.newEvents)
      if (e.kind === "Impact") alerts.push({ kind: "impact", text: `Impact: ${e.threatClass}${e.trackId >= 0 ? ` track ${e.trackId}` : ""} ${e.detail}`.trim() });
    return alerts;
  }
}
