// The server's JSON shapes (camelCase), as pushed over the hub and served by the REST API.

export interface RunClockState { paused: boolean; speed: number }
/** A track; `class` is set on live pictures (the evaluator's class, absent when not evaluated). */
export interface TrackView { id: number; confirmed: boolean; lat: number; lon: number; height: number; vEast: number; vNorth: number; vUp: number; class?: string }
export interface ThreatView {
  trackId: number; class: string; confidence: number; asset: string | null; impactLat: number; impactLon: number; timeToGo: number;
  threatensDefendedArea: boolean; score: number; sigmaMajor: number; sigmaMinor: number; ellipseBearing: number;
  /** The first threatened asset on its path (it may dive there) and the seconds until it enters that asset's footprint. */
  firstAsset?: string | null; firstArrival?: number;
}
/** A pending recommendation: `version` goes up when a figure shown changes; an approval names the version seen. */
export interface RecommendationView {
  id: number; effector: string; effectorClass: string; trackId: number; rounds: number; launchTime: number; interceptTime: number;
  killProbability: number; cost: number; proposedAt: number; approved: boolean; releaseAt: number | null; version: number;
  threatClass: string | null; confidence: number | null; asset: string | null; timeToGo: number | null; why: string;
  deadline: number | null; deadlineKind: string | null;
}
/** A track the operator holds fire on. */
export interface HoldView { trackId: number; operator: string; time: number; at: string }
export interface FireUnitView { id: string; roundsLeft: number; magazine: number; readyAt: number; engaging: number[]; lat: number; lon: number }
export interface EventView { time: number; kind: string; threatId: number; threatClass: string; trackId: number; effector: string | null; detail: string }
/** Live (truth false): only rounds, spend, impacts and assessed kills; after the run (truth true) also the truth figures. */
export interface SummaryView {
  launched: number | null; destroyed: number | null; leaked: number | null; rounds: number; defenderSpend: number; attackerSpendDestroyed: number | null;
  costExchangeRatio: number | null; damage: number | null; impacts: number; assessedKills: number; truth: boolean;
}
export interface Picture {
  runId: string; time: number; finished: boolean; clock: RunClockState; mode: string; tracks: TrackView[]; threats: ThreatView[];
  recommendations: RecommendationView[]; fireUnits: FireUnitView[]; newEvents: EventView[]; summary: SummaryView; sentAt: number;
  holds?: HoldView[] | null;
}
/** The hub's compact picture: tracks as a flat array of `trackStride` numbers each (see LivePicture.cs), top threats only. */
// status: running, paused, finished, stopped, failed or interrupted; reason: why it failed, or why decisions are not recorded now.
export interface LivePicture extends Omit<Picture, "tracks"> { tracks: number[]; classes: string[]; threatCount: number; status?: string; reason?: string | null }
export interface AssetView { name: string; kind: string; lat: number; lon: number; radius: number; value: number; nation: string }
export interface SensorView { id: number; name: string; kind: string; lat: number; lon: number; coverage: number; nation: string }
export interface EffectorView { id: string; class: string; lat: number; lon: number; minRange: number; maxRange: number; magazine: number; costPerShot: number; nation: string }
export interface RunLayout {
  runId: string; scenario: string; description: string; centreLat: number; centreLon: number; radiusMetres: number; tick: number;
  /** The scenario's start, Unix milliseconds UTC (simulated time 0). */
  startUnixMs?: number;
  assets: AssetView[]; sensors: SensorView[]; effectors: EffectorView[];
}
export interface RunState { id: string; scenario: string; seed: number; mode: string; clock: RunClockState; time: number; finished: boolean; stopped: boolean; summary: SummaryView; status?: string; reason?: string | null }
export interface ScenarioInfo { name: string; description: string; threats: number; errors: string[] }
/** The signed-in account: role observer, battle-manager (decides for its nations' fire units), commander or admin. */
export interface AccountView { name: string; role: string; nations: string[] }
