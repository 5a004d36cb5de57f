// Consensus Sleep Diary arithmetic (Carney et al. 2012, Sleep 35:287):
//   time in bed TIB = out of bed - into bed
//   total sleep time TST = (final awakening - tried to sleep) - SOL - WASO
//   sleep efficiency SE = TST / TIB x 100
import { addDays, minutesOf, zonedToIso } from '../time';

export interface DiaryInput {
  morning: string;      // local date of the morning the night ended
  bedTime: string;      // HH:MM, got into bed
  lightsOut: string;    // HH:MM, tried to sleep
  latencyMin: number;   // SOL
  awakenings: number;
  wasoMin: number;      // awake after sleep onset
  wakeTime: string;     // HH:MM, final awakening
  outOfBed: string;     // HH:MM
}

export interface DiaryResult {
  timeInBedMin: number;
  totalSleepMin: number;
  efficiencyPct: number;
  latencyMin: number;
  wasoMin: number;
  awakenings: number;
  bedAt: string;        // instants, for the record
  wakeAt: string;
}

export class DiaryError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

// Clock times are read in order (bed, lights out, wake, out of bed), each on or
// after the one before; a bed time from noon on belongs to the evening before.
// With `nowMs`, a final awakening still to come is refused: a night is
// recorded once it has ended.
export function computeDiary(d: DiaryInput, tz: string, nowMs?: number): DiaryResult {
  const order: Array<[keyof DiaryInput, string]> = [
    ['bedTime', d.bedTime], ['lightsOut', d.lightsOut], ['wakeTime', d.wakeTime], ['outOfBed', d.outOfBed],
  ];
  for (const [name, v] of order) {
    if (!/^\d{2}:\d{2}$/.test(v)) throw new DiaryError(name, 'is required (a clock time)');
  }
  for (const [name, v] of [['latencyMin', d.latencyMin], ['wasoMin', d.wasoMin], ['awakenings', d.awakenings]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new DiaryError(name, 'must be a number of 0 or more');
  }
  if (!Number.isInteger(d.awakenings)) throw new DiaryError('awakenings', 'must be a whole number');
  // Minutes from midnight at the start of the evening before the morning.
  let t = minutesOf(d.bedTime) + (minutesOf(d.bedTime) >= 12 * 60 ? 0 : 24 * 60);
  const at: number[] = [t];
  for (const [, v] of order.slice(1)) {
    let m = minutesOf(v);
    while (m < t) m += 24 * 60;
    at.push(m);
    t = m;
  }
  const [bed, lights, wake, out] = at;
  if (out - bed > 24 * 60) throw new DiaryError('outOfBed', 'makes the night longer than 24 hours');
  const timeInBed = out - bed;
  const asleepWindow = wake - lights;
  const tst = asleepWindow - d.latencyMin - d.wasoMin;
  if (timeInBed <= 0) throw new DiaryError('outOfBed', 'must be after the time you got into bed');
  if (tst <= 0) {
    throw new DiaryError('latencyMin', 'Time to fall asleep and time awake leave no sleep between trying to sleep and waking up');
  }
  const evening = addDays(d.morning, -1);
  const instant = (min: number) => {
    const day = addDays(evening, Math.floor(min / (24 * 60)));
    const m = min % (24 * 60);
    return zonedToIso(day, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, tz);
  };
  const wakeAt = instant(wake);
  if (nowMs !== undefined && Date.parse(wakeAt) > nowMs) {
    throw new DiaryError('wakeTime', 'is still to come: record the night after you have woken up');
  }
  return {
    timeInBedMin: timeInBed,
    totalSleepMin: tst,
    efficiencyPct: Math.round((tst / timeInBed) * 1000) / 10,
    latencyMin: d.latencyMin,
    wasoMin: d.wasoMin,
    awakenings: d.awakenings,
    bedAt: instant(bed),
    wakeAt,
  };
}
