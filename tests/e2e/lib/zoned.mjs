// Wall-clock dates and times of an instant in a time zone, built from
// formatToParts: the numeric parts are the same in every ICU version, where
// a locale's whole pattern is not (en-CA gives 2026-12-07 on one Node and
// 12/07/2026 on another).
const formats = new Map();

function parts(zone, iso) {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formats.set(zone, f);
  }
  const out = {};
  for (const p of f.formatToParts(new Date(iso))) out[p.type] = p.value;
  // Some ICU versions write midnight as 24 even with h23.
  if (out.hour === '24') out.hour = '00';
  return out;
}

// "YYYY-MM-DD" in `zone`.
export function isoDateIn(zone, iso) {
  const p = parts(zone, iso);
  return `${p.year}-${p.month}-${p.day}`;
}

// "HH:MM" (24-hour) in `zone`.
export function clockIn(zone, iso) {
  const p = parts(zone, iso);
  return `${p.hour}:${p.minute}`;
}

// The hour of day (0-23) in `zone`.
export function hourIn(zone, iso) {
  return Number(parts(zone, iso).hour);
}

// What the page's own Intl makes of an instant: the app formats dates in
// the browser, so the expected text must come from the same ICU, not Node's.
export function formatInPage(page, iso, options) {
  return page.evaluate(([when, opts]) => new Intl.DateTimeFormat(undefined, opts).format(new Date(when)),
    [iso, options]);
}
