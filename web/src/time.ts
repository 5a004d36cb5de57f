// Dates and times in the patient's time zone. The API speaks UTC instants
// ("2026-11-10T20:00:00Z") and local dates ("2026-11-10"); the screen shows
// the patient's wall clock.

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function zoneOr(tz: string | null | undefined): string {
  if (!tz) return browserZone();
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return browserZone();
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormat(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsCache.set(tz, f);
  }
  return f;
}

interface Wall {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
}

function wallOf(ms: number, tz: string): Wall {
  const out: Record<string, number> = {};
  for (const p of partsFormat(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { y: out.year, mo: out.month, d: out.day, h: out.hour % 24, mi: out.minute, s: out.second };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// The offset of `tz` from UTC at instant `ms`, in ms.
function offsetAt(ms: number, tz: string): number {
  const w = wallOf(ms, tz);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

// The instant at which the wall clock in `tz` shows `date` `time`. A time
// that occurs twice (autumn overlap) gives the first; a time skipped by a
// spring-forward gap gives the instant just as far past the gap.
export function zonedToMs(date: string, time: string, tz: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wallUtc = Date.UTC(y, mo - 1, d, hh, mm);
  const before = offsetAt(wallUtc - 86400000, tz);
  const offsets = new Set([before, offsetAt(wallUtc, tz), offsetAt(wallUtc + 86400000, tz)]);
  const valid = [...offsets].map((o) => wallUtc - o).filter((ms) => offsetAt(ms, tz) === wallUtc - ms);
  return valid.length ? Math.min(...valid) : wallUtc - before;
}

// "2026-11-10T20:00:00Z": the format the API reads and writes.
export function isoInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function zonedToIso(date: string, time: string, tz: string): string {
  return isoInstant(zonedToMs(date, time, tz));
}

export function localDate(ms: number, tz: string): string {
  const w = wallOf(ms, tz);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
}

export function localTime(ms: number, tz: string): string {
  const w = wallOf(ms, tz);
  return `${pad(w.h)}:${pad(w.mi)}`;
}

export function todayIn(tz: string, nowMs = Date.now()): string {
  return localDate(nowMs, tz);
}

export function addDays(date: string, n: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function daysBetween(from: string, to: string): number {
  const a = from.split('-').map(Number);
  const b = to.split('-').map(Number);
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86400000);
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

const displayCache = new Map<string, Intl.DateTimeFormat>();
function display(tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tz + JSON.stringify(opts);
  let f = displayCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { timeZone: tz, ...opts });
    displayCache.set(key, f);
  }
  return f;
}

export function fmtDateTime(iso: string | null | undefined, tz: string): string {
  if (!iso) return '';
  return display(tz, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// With seconds, for logs where the order of entries matters.
export function fmtDateTimeSeconds(iso: string | null | undefined, tz: string): string {
  if (!iso) return '';
  return display(tz, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

export function fmtTime(iso: string | null | undefined, tz: string): string {
  if (!iso) return '';
  return display(tz, { timeStyle: 'short' }).format(new Date(iso));
}

// A local date ("2026-11-10") as "10 Nov 2026", independent of any zone.
export function fmtDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, mo, d] = date.split('-').map(Number);
  return display('UTC', { dateStyle: 'medium' }).format(new Date(Date.UTC(y, mo - 1, d)));
}

export function fmtDay(iso: string, tz: string): string {
  return display(tz, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(iso));
}

// The zone's short name at that instant, e.g. "CET" or "GMT-5".
export function zoneAbbrev(tz: string, ms = Date.now()): string {
  const part = display(tz, { timeZoneName: 'short' }).formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? tz;
}

export function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}
