// The operator's reading of a picture, pure and unit-tested: a track's readout, the threat table's rows (honest to-go
// values, filtered, with a count of the rows not shown), who engages what, held tracks, the track filters.
import { heading, score, toGo } from "./format";
import type { FireUnitView, HoldView, Picture, RecommendationView, ThreatView, TrackView } from "./types";

/** The picture's held tracks by id (`holds`, with who held them and when). */
export function holdsOf(p: Picture): Map<number, HoldView> {
  return new Map((p.holds ?? []).map((h) => [h.trackId, h]));
}

/** Fire units with rounds in the air against each track. */
export function engagedBy(units: FireUnitView[]): Map<number, string[]> {
  const by = new Map<number, string[]>();
  for (const u of units) for (const t of u.engaging) by.set(t, [...(by.get(t) ?? []), u.id]);
  return by;
}

/** What the operator filters out: threat classes (as the picture names them, "Unknown" for unclassified) and tentative tracks. */
export interface TrackFilter { hiddenClasses: Set<string>; hideTentative: boolean }

export const noFilter = (): TrackFilter => ({ hiddenClasses: new Set(), hideTentative: false });

/** The class a track is shown as: its class, else "Tentative" when not confirmed, else "Unknown". */
export function shownClass(t: TrackView): string {
  return t.class ?? (t.confirmed ? "Unknown" : "Tentative");
}

/** Whether a track passes the filter. */
export function isShown(t: TrackView, f: TrackFilter): boolean {
  if (f.hideTentative && !t.confirmed) return false;
  return !f.hiddenClasses.has(t.class ?? "Unknown");
}

/** Seconds until the threat may first strike: the first threatened asset's arrival when the server gives it, else the time to go. */
export function firstArrival(t: ThreatView): number {
  return t.firstArrival ?? t.timeToGo;
}

/** The asset it may strike first (where it may dive), else the asset most at risk. */
export function firstAsset(t: ThreatView): string | null {
  return t.firstAsset ?? t.asset;
}

/** One row of the threat table, formatted. */
export interface ThreatRow {
  trackId: number; cls: string; confidence: string; asset: string; toGo: string; score: string; engagedBy: string; held: boolean; over: boolean;
}

/**
 * The threat table: threats that threaten a defended area first (in the server's priority order), those over their asset
 * already ("now": nothing left to beat) after them, then the rest (no asset, no to go); filtered like the map; at most `max` rows,
 * with the count of the rows left out.
 */
export function threatRows(p: Picture, filter: TrackFilter, max: number, total = p.threats.length): { rows: ThreatRow[]; notShown: number } {
  const tracks = new Map(p.tracks.map((t) => [t.id, t] as const));
  const engaged = engagedBy(p.fireUnits);
  const held = holdsOf(p);
  const ranked = p.threats.filter((t) => {
    const track = tracks.get(t.trackId);
    return track ? isShown({ ...track, class: track.class ?? t.class }, filter) : !filter.hiddenClasses.has(t.class);
  });
  const group = (t: ThreatView) => (!t.threatensDefendedArea ? 2 : firstArrival(t) < 1 ? 1 : 0);
  const order = ranked.map((t, i) => ({ t, i, g: group(t) })).sort((a, b) => a.g - b.g || a.i - b.i);
  const rows = order.slice(0, max).map(({ t, g }) => ({
    trackId: t.trackId, cls: t.class, confidence: `${Math.round(t.confidence * 100)}%`,
    asset: g === 2 ? "-" : (firstAsset(t) ?? "-"), toGo: g === 2 ? "-" : g === 1 ? "over asset" : toGo(firstArrival(t)),
    score: score(t.score), engagedBy: (engaged.get(t.trackId) ?? []).join(", "), held: held.has(t.trackId), over: g === 1,
  }));
  // Threats the server did not send (beyond its top list) are not shown either.
  const unsent = Math.max(0, total - p.threats.length);
  return { rows, notShown: ranked.length - rows.length + unsent };
}

/** A track's readout, every figure formatted; null when the track is not in the picture. */
export interface Readout {
  id: number; status: string; cls: string; confidence: string; altitude: string; speed: string; heading: string; climb: string;
  toGo: string; asset: string; mostAtRisk: string; engagement: string; intercept: string; held: string;
}

export function readout(p: Picture, trackId: number): Readout | null {
  const t = p.tracks.find((x) => x.id === trackId);
  if (!t) return null;
  const threat = p.threats.find((x) => x.trackId === trackId);
  const engaged = engagedBy(p.fireUnits).get(trackId) ?? [];
  const recs = p.recommendations.filter((r) => r.trackId === trackId);
  const hold = holdsOf(p).get(trackId);
  const speed = Math.hypot(t.vEast, t.vNorth);
  const course = heading(t.vEast, t.vNorth);
  const threatens = threat?.threatensDefendedArea ?? false;
  const first = threat ? firstAsset(threat) : null;
  const engagement = engaged.length ? `engaged by ${engaged.join(", ")}`
    : recs.length ? recs.map((r) => `${r.approved ? "approved" : "proposed"}: ${r.effector}`).join("; ")
    : hold ? "held" : "not engaged";
  return {
    id: t.id,
    status: t.confirmed ? "confirmed" : "tentative",
    cls: threat?.class ?? t.class ?? "unclassified",
    confidence: threat ? `${Math.round(threat.confidence * 100)}%` : "-",
    altitude: `${Math.round(t.height)} m`,
    speed: `${Math.round(speed)} m/s (${Math.round(speed * 3.6)} km/h)`,
    heading: course === null ? "-" : `${String(course).padStart(3, "0")}°`,
    climb: `${t.vUp.toFixed(1)} m/s`,
    toGo: threat && threatens ? toGo(firstArrival(threat)) : "-",
    asset: threatens ? (first ?? "-") : threat ? "none threatened" : "not evaluated",
    mostAtRisk: threat && threatens && threat.asset && threat.asset !== first ? `${threat.asset} in ${toGo(threat.timeToGo)}` : "-",
    engagement,
    intercept: interceptOf(recs, p.time),
    held: hold ? `held by ${hold.operator}` : "no",
  };
}

/** Time to the earliest intercept among the track's recommendations, or "-". */
function interceptOf(recs: RecommendationView[], now: number): string {
  if (!recs.length) return "-";
  return toGo(Math.min(...recs.map((r) => r.interceptTime)) - now);
}

/** Rounds left over magazine, reloading or ready, by fire unit; grouped by kind then nation. */
export interface InventoryRow { id: string; kind: string; nation: string; rounds: string; state: string; engaging: number }

export function inventory(units: FireUnitView[], kinds: Map<string, { kind: string; nation: string }>, now: number): InventoryRow[] {
  return units.map((u) => {
    const k = kinds.get(u.id) ?? { kind: "?", nation: "?" };
    const state = u.roundsLeft === 0 ? "empty" : u.readyAt > now ? `reloading ${toGo(u.readyAt - now)}` : "ready";
    return { id: u.id, kind: k.kind, nation: k.nation, rounds: `${u.roundsLeft}/${u.magazine}`, state, engaging: u.engaging.length };
  }).sort((a, b) => a.kind.localeCompare(b.kind) || a.nation.localeCompare(b.nation) || a.id.localeCompare(b.id));
}
