// The shapes of pineal's JSON API (src/pineal/http/records_json.cc).

export interface Quantity {
  value: number;
  unit: string;
}

export interface Provenance {
  created_at: string;
  created_by: string;
}

// What a recorded name matched in the knowledge base (CatalogMatch in openapi.json).
export interface CatalogCode {
  system: string; // icd10cm, snomedct; atc, rxnorm, gsrs, unii, urn:pineal:substance
  code: string;
  display: string;
  version: string;
  confidence: string;
  note: string;
}

export interface CatalogMatch {
  text: string;
  matched: { id: string; name: string; codes: CatalogCode[] } | null;
  suggestions: Array<{ id: string; name: string }>;
}

export interface Patient extends Provenance {
  id: number;
  display_name: string;
  birth_date: string | null;
  age_years: number | null;
  sex: string;
  weight: (Quantity & { measured_on: string }) | null;
  pregnancy: string;
  breastfeeding: boolean;
  conditions: string[];
  // One per condition, in order.
  condition_matches?: CatalogMatch[];
  smoker: boolean;
  time_zone: string;
  notes: string;
  version: number;
  updated_at: string;
  // Monitoring counts, in the patient list.
  open_alerts?: number;
  urgent_alerts?: number;
  overdue_reviews?: number;
}

export interface PatientPage {
  items: Patient[];
  total: number;
  limit: number;
  offset: number;
}

export interface Medication extends Provenance {
  id: number;
  patient_id: number;
  name: string;
  category: string;
  code_system: string;
  code: string;
  dose: Quantity | null;
  schedule: string;
  start_date: string | null;
  stop_date: string | null;
  source: string;
  note: string;
  // Null for a therapy (not screened); absent in timeline records.
  catalog_match?: CatalogMatch | null;
}

export interface TitrationStep {
  after_days: number;
  dose: Quantity;
}

// pending: an overridden hard stop waits for a second clinician's co-signature.
export type RegimenStatus = 'active' | 'stopped' | 'pending';

export interface RegimenVersion extends Provenance {
  version: number;
  status: RegimenStatus;
  formulation: string;
  dose: Quantity;
  times_of_day: string[];
  frequency: string;
  indication: string;
  start_date: string;
  end_date: string | null;
  titration: TitrationStep[];
  reason: string;
  content_mg_per_g?: number | null;
  screening?: VersionScreening;
}

export interface Regimen {
  id: number;
  patient_id: number;
  substance: string;
  status: RegimenStatus;
  current_version: number;
  current: RegimenVersion;
  versions: RegimenVersion[];
}

export interface DoseEvent extends Provenance {
  id: number;
  patient_id: number;
  regimen_id: number | null;
  substance: string;
  planned_at: string | null;
  taken_at: string | null;
  amount: Quantity | null;
  status: 'taken' | 'skipped' | 'extra' | 'entered_in_error';  // the last withdraws `corrects`
  note: string;
  corrects: number | null;
}

export interface Observation extends Provenance {
  id: number;
  patient_id: number;
  kind: string;
  code: string;
  value: number | null;
  unit: string;
  text: string;
  observed_at: string;
  corrects: number | null;
}

export interface TimelineEntry {
  at: string;
  kind: 'medication' | 'regimen' | 'dose_event' | 'observation';
  event: string;
  record: Record<string, unknown>;
}

export interface Items<T> {
  items: T[];
}

// A page of a long list: pass next_cursor back as ?cursor= for the next one
// (null on the last page).
export interface Paged<T> extends Items<T> {
  next_cursor: string | null;
}

// Safety screening (POST /patients/{id}/screen and the regimen versions).
export type Severity = 'contraindicated' | 'major' | 'moderate' | 'minor' | 'info';

export interface Finding {
  rule_id: string;
  key: string;
  kind: string;
  severity: Severity;
  blocking: boolean;
  title: string;
  message: string;
  mechanism: string;
  action: string;
  refs: string[];
}

export interface Reference {
  id?: string;
  authors?: string;
  year?: number;
  title?: string;
  journal?: string;
  document?: string;
  pmid?: string;
  doi?: string;
}

export interface Override {
  finding_key: string;
  rule_id: string;
  reason: string;
  decided_by: string;
  decided_at: string;
}

export interface OverrideCheck {
  ok?: boolean;
  unresolved?: Finding[];
  overridden?: unknown[];
  problems?: unknown[];
}

export interface Screening {
  top_severity: Severity | 'none' | null;
  blocking: boolean;
  findings: Finding[];
  references?: Record<string, Reference>;
  overrides?: OverrideCheck;
}

export interface Cosignature {
  finding_key: string;
  reason: string;
  protocol: string;
  signed_by: string;
  signed_at: string;
}

export interface VersionScreening {
  findings: Finding[];
  overrides: Override[];
  cosignatures?: Cosignature[];  // regimen versions only
}

export interface Quantiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
}

// POST /simulate and /patients/{id}/simulate: a regimen as written.
export interface Simulation {
  title: string;
  substance: string;
  formulation: string;
  concentration_unit: string;
  start_clock: string;
  wake_clock: string;
  references: string[];
  notes: Array<{ kind: string; id: string; message: string; refs: string[] }>;
  metrics: {
    typical: {
      cmax: number;
      tmax_h: number;
      tmax_clock: string;
      first_wake_concentration: number;
      last_wake_concentration: number;
      trough?: number;
      accumulation_ratio?: number;
      time_to_90_steady_state_h?: number;
      cmax_to_endogenous_night_peak?: number;
    };
    population?: { subjects: number; cmax: Quantiles };
  };
  endogenous?: { day_level: number; night_peak: number; age_years: number };
  curve: { time_h: number[]; typical: number[]; p5?: number[]; p25?: number[]; p50?: number[]; p75?: number[]; p95?: number[] };
}

// GET /patients/{id}/prediction: a simulation of the dose log on the patient's clock.
export interface Prediction extends Simulation {
  time_zone: string;
  origin: string;
  now_h: number;
  planned_dose_h: number[];
  logged_doses: number;
  prediction_notes: string[];
}

export interface CircadianPlan {
  id: number;
  patient_id: number;
  kind: 'jetlag' | 'shift';
  title: string;
  created_at: string;
  created_by: string;
  request: Record<string, unknown>;
  // The screening of the plan's melatonin, with any overrides given.
  screening: VersionScreening;
  // The plan document of POST /plans/jetlag or /plans/shift.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plan: any;
}

// Accounts (GET /users) and the audit log (GET /audit).
export interface User {
  id: number;
  username: string;
  display_name: string;
  role: 'admin' | 'clinician' | 'patient';
  patient_id: number | null;
  disabled: boolean;
  created_at: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  patient_id: number | null;
  address: string;
  outcome: string;
  detail: string;
  record_ids: string[];  // "kind:id" of the records read or written
}

// Monitoring: alerts, follow-up reviews, adherence and titration proposals.
export type AlertSeverity = 'urgent' | 'warning' | 'info';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface EvidenceRef {
  kind: 'observation' | 'dose_event' | 'regimen' | string;
  id: number;
}

export interface AlertHistoryEntry {
  status: AlertStatus;
  at: string;
  by: string;
  note: string;
}

export interface Alert {
  id: number;
  patient_id: number;
  patient_name?: string;
  rule_id: string;
  severity: AlertSeverity;
  title: string;
  message: string;
  status: AlertStatus;
  evidence: EvidenceRef[];
  refs: string[];
  created_at: string;
  // Urgent alerts still open: when an unacknowledged alert reaches the whole care team.
  escalation: { due_at: string; escalated: boolean } | null;
  history: AlertHistoryEntry[];
}

export interface ReviewItem {
  regimen_id: number;
  substance: string;
  date: string;
  planned: string;
  rule_id: string;
  reason: string;
  overdue: boolean;
  days_overdue: number;
  review_id: number | null;
  patient_id?: number;
  patient_name?: string;
}

export type ReviewAction = 'done' | 'moved' | 'cancelled';

export interface ReviewRecord {
  id: number;
  regimen_id: number;
  due: string;
  action: ReviewAction;
  date: string | null;
  note: string;
  created_at: string;
  created_by: string;
}

export interface Reviews {
  items: ReviewItem[];
  history: ReviewRecord[];
  notes: string[];
}

export interface AdherenceCounts {
  planned: number;
  taken: number;
  taken_late: number;
  missed: number;
  skipped: number;
  extra: number;
  above_planned: number;
  percent_taken: number | null;
}

export interface Adherence {
  from: string;
  to: string;
  total: AdherenceCounts;
  days: Array<AdherenceCounts & { date: string }>;
  weeks: Array<AdherenceCounts & { iso_year: number; iso_week: number }>;
  regimens: Array<AdherenceCounts & { regimen_id: number; substance: string }>;
}

export type ProposalAction = 'increase' | 'decrease' | 'hold' | 'taper' | 'stop' | 'refer';

export interface ProposalDecision {
  decision: 'approve' | 'reject';
  by: string;
  at: string;
  reason: string;
  regimen_version: number | null;
}

export interface Proposal {
  id: number;
  regimen_id: number;
  regimen_version: number;
  protocol_id: string;
  protocol_title: string;
  action: ProposalAction;
  decided_by: string;
  current_dose: string;
  dose: string;
  current_daily_dose: string;
  daily_dose: string;
  doses_per_day: number;
  applies_from: string;
  evaluate_on: string | null;
  reasons: string[];
  evidence: EvidenceRef[];
  urgent: boolean;
  explicit_option: string | null;
  refs: string[];
  status: 'pending' | 'approved' | 'rejected' | 'superseded';
  decision: ProposalDecision | null;
  created_at: string;
  created_by: string;
}

// GET /kb/instruments/{name}: what a questionnaire asks and how it is scored.
export interface AnswerAnchor {
  value: number;
  label: string;
}
export interface InstrumentItem {
  id: string;
  number: number;
  label: string;
  wording: string | null;  // the clinic's licensed text, when it supplies it
  values: number[];
  anchors?: AnswerAnchor[];
}
export interface InstrumentDef {
  id: string;
  code: string;
  name: string;
  respondent: 'self' | 'clinician';
  recall_period: string;
  licence: string;
  answer_anchors: AnswerAnchor[];
  items: InstrumentItem[];
  min: number;
  max: number;
  missing: { max_missing: number; action: string; note: string };
}

// POST /patients/{id}/responses answers with the stored observation and its score.
export interface ScoreFlag {
  id: string;
  item: string;
  value: number;
  level: string;
  message: string;
}
export interface RecordedResponse {
  observation: Observation;
  score: {
    instrument: string;
    code: string;
    name: string;
    total: number;
    score: number;  // a mean-scored instrument keeps its decimals
    decimals: number;
    min: number;
    max: number;
    band: { id: string; label: string; severity: string } | null;
    flags: ScoreFlag[];
  };
}

// GET /patients/{id}/questionnaires.
export interface DueQuestionnaire {
  instrument: string;
  code: string;
  name: string;
  respondent: 'self' | 'clinician';
  date: string;
  opens: string;
  state: 'upcoming' | 'due' | 'overdue';
  days_overdue: number;
  reason: string;
  rules: Array<{ id: string; title: string }>;
}
export interface Questionnaires {
  today: string;
  items: DueQuestionnaire[];
  notes: string[];
}

// A private calendar link of a patient (its token is shown only once, when made).
export interface CalendarFeed {
  id: number;
  created_at: string;
  revoked_at: string | null;
}
