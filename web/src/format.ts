// Pure helpers of the console, unit-tested with vitest.
import type { EventView, LivePicture, Picture, TrackView } from "./types";

/** Seconds from the start of the run as hh:mm:ss. */
export function runClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** Money in dollars, short: 950 $, 5 k$, 4 M$, 1.2 G$. */
export function money(dollars: number): string {
  const units: [number, string][] = [[1e9, "G$"], [1e6, "M$"], [1e3, "k$"]];
  for (const [scale, unit] of units) if (Math.abs(dollars) >= scale) return `${trim(dollars / scale)} ${unit}`;
  return `${trim(dollars)} $`;
}

function trim(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1).replace(/\.0$/, "") : x.toFixed(2).replace(/\.?0+$/, "");
}

/**
 * MIL-STD-2525C symbol code (15 characters) of a track by the evaluator's class (hostile), or by its identity (civil:
 * neutral civil fixed-wing, friendly: friend military fixed-wing); unclassified tracks are unknown air.
 */
export function sidc(threatClass: string | undefined): string {
  switch (threatClass) {
    case "Drone": return "SHAPMFQ--------";
    case "Decoy": return "SUAPMFQ--------";
    case "Cruise": return "SHAPWMA--------";
    case "Ballistic": return "SHAPWMB--------";
    case "Aircraft": return "SHAPMF---------";
    case "Civil": return "SNAPCF---------";
    case "Friendly": return "SFAPMF---------";
    default: return "SUAP-----------";
  }
}

/** Appends a point to a trail, keeping at most `max` points (oldest dropped). */
export function pushTrail(trail: number[][], point: number[], max: number): number[][] {
  trail.push(point);
  if (trail.length > max) trail.splice(0, trail.length - max);
  return trail;
}

/**
 * Points of an ellipse around (lat, lon): semi-axes in metres, major axis bearing in degrees clockwise from north,
 * on a local flat earth (good to a few metres at the sizes of impact ellipses). Returns [lon, lat] pairs, closed.
 */
export function ellipse(lat: number, lon: number, major: number, minor: number, bearingDeg: number, n = 36): number[][] {
  const metresPerDegLat = 111_320;
  const metresPerDegLon = metresPerDegLat * Math.cos((lat * Math.PI) / 180);
  const b = (bearingDeg * Math.PI) / 180;
  const points: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const t = (2 * Math.PI * i) / n;
    const along = major * Math.cos(t);
    const across = minor * Math.sin(t);
    // along the bearing: east = sin b, north = cos b; across: east = cos b, north = -sin b
    const east = along * Math.sin(b) + across * Math.cos(b);
    const north = along * Math.cos(b) - across * Math.sin(b);
    points.push([lon + east / metresPerDegLon, lat + north / metresPerDegLat]);
  }
  return points;
}

/** Numbers per track in a live picture's flat track array: id, confirmed, lat, lon, height, vEast, vNorth, vUp, class index. */
export const TrackStride = 9;

/** The tracks of a live picture's flat array as objects. */
export function decodeTracks(flat: number[], classes: string[]): TrackView[] {
  const tracks: TrackView[] = new Array(Math.floor(flat.length / TrackStride));
  for (let i = 0, k = 0; k < tracks.length; i += TrackStride, k++) {
    const c = flat[i + 8];
    tracks[k] = {
      id: flat[i], confirmed: flat[i + 1] === 1, lat: flat[i + 2], lon: flat[i + 3], height: flat[i + 4],
      vEast: flat[i + 5], vNorth: flat[i + 6], vUp: flat[i + 7], class: c >= 0 ? classes[c] : undefined,
    };
  }
  return tracks;
}

/** A live (hub) picture in the shape of the REST picture. */
export function decodePicture(p: LivePicture): Picture {
  return { ...p, tracks: decodeTracks(p.tracks, p.classes) };
}

/** Cumulative leakers and interceptor rounds at a simulated time. */
export interface SeriesPoint { time: number; leaked: number; rounds: number }

/** Rounds of an Engagement event, from its detail ("2 round(s), Pk 0.80, ..."); 0 if it does not say. */
export function roundsOf(detail: string): number {
  const m = /^(\d+) round/.exec(detail);
  return m ? Number(m[1]) : 0;
}

/**
 * Extends the leakers (Impact events: every threat that came down, as the summary counts them) and interceptor rounds
 * (Engagement events) series with time line events in time order; a point only where a count changes.
 */
export function addToSeries(series: SeriesPoint[], events: EventView[]): void {
  for (const e of events) {
    const last = series.length ? series[series.length - 1] : { time: 0, leaked: 0, rounds: 0 };
    const leaked = last.leaked + (e.kind === "Impact" ? 1 : 0);
    const rounds = last.rounds + (e.kind === "Engagement" ? roundsOf(e.detail) : 0);
    if (leaked !== last.leaked || rounds !== last.rounds) series.push({ time: e.time, leaked, rounds });
  }
}

/**
 * Time to go as an operator reads it: "-" when unknown (not finite or negative), "now" under a second, m:ss under an
 * hour, else h:mm:ss.
 */
export function toGo(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "-";
  if (seconds < 1) return "now";
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** A priority score without exponents: "0", "<0.001" for tiny positive scores, else 3 significant digits in plain notation. */
export function score(x: number): string {
  if (!Number.isFinite(x)) return "-";
  if (x === 0) return "0";
  if (Math.abs(x) < 0.001) return x > 0 ? "<0.001" : ">-0.001";
  const v = Number(x.toPrecision(3));
  return Math.abs(v) >= 1e21 ? v.toExponential(2) : String(v);
}

/** The UTC time of day `seconds` after `startMs` (Unix milliseconds), as hh:mm:ssZ, with the date when it is not the start's date. */
export function utcClock(startMs: number, seconds: number): string {
  const at = new Date(startMs + Math.round(seconds) * 1000);
  const iso = at.toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ
  const sameDay = iso.slice(0, 10) === new Date(startMs).toISOString().slice(0, 10);
  return `${sameDay ? "" : iso.slice(0, 10) + " "}${iso.slice(11, 19)}Z`;
}

/** Course over the ground in whole degrees clockwise from north (0..359), from east and north velocity; null when still. */
export function heading(vEast: number, vNorth: number): number | null {
  if (Math.hypot(vEast, vNorth) < 0.1) return null;
  const deg = Math.round((Math.atan2(vEast, vNorth) * 180) / Math.PI);
  return (deg + 360) % 360;
}

/** A lat/lon pair as 50.4501°N 30.5234°E. */
export function latLon(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(4)}°${lat >= 0 ? "N" : "S"} ${Math.abs(lon).toFixed(4)}°${lon >= 0 ? "E" : "W"}`;
}
