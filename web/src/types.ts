// The shapes of pineal's JSON API (src/pineal/http/records_json.cc).

export interface Quantity {
  value: number;
  unit: string;
}

export interface Provenance {
  created_at: string;
  created_by: string;
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
  smoker: boolean;
  time_zone: string;
  notes: string;
  version: number;
  updated_at: string;
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
}

export interface TitrationStep {
  after_days: number;
  dose: Quantity;
}

export interface RegimenVersion extends Provenance {
  version: number;
  status: 'active' | 'stopped';
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
  status: 'active' | 'stopped';
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
  status: 'taken' | 'skipped' | 'extra';
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

export interface VersionScreening {
  findings: Finding[];
  overrides: Override[];
}
