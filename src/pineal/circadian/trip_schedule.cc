#include "pineal/circadian/trip_schedule.h"

#include <algorithm>
#include <cmath>

#include "pineal/circadian/phase.h"
#include "pineal/circadian/plan_policy.h"

namespace pineal::circadian {
namespace {

using std::chrono::days;
using std::chrono::seconds;

constexpr double kBeforeDepartureH = 1.5;  // awake this long before a flight

Result<Instant> LocalInstant(LocalDate date, double clock_h, const std::string& zone) {
  double day_shift = std::floor(clock_h / 24.0);
  const double h = clock_h - 24.0 * day_shift;
  const LocalDate d{std::chrono::sys_days(date) + days(static_cast<int>(day_shift))};
  PINEAL_ASSIGN_OR_RETURN(Instant at,
                          FromLocal(d, TimeOfDay{static_cast<int>(std::lround(h * 60))}, zone));
  return at;
}

Result<LocalDate> LocalDateOf(Instant t, const std::string& zone) {
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime l, ToLocal(t, zone));
  return l.date;
}

Result<double> UtcOffsetH(Instant t, const std::string& zone) {
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime l, ToLocal(t, zone));
  const auto local = std::chrono::sys_days(l.date) + std::chrono::minutes(l.time.minutes);
  return std::chrono::duration<double, std::ratio<3600>>(local - t).count();
}

LocalDate AddDays(LocalDate d, int n) { return LocalDate{std::chrono::sys_days(d) + days(n)}; }

struct Sleep {
  double start, end;
};

// Bed and wake clock hours of a night, shifted and clamped to the options.
Span NightClock(const TripFrame& f, const PlanOptions& o, double shift_h, ShiftDirection dir) {
  const double duration = std::fmod(f.habitual_wake_h - f.habitual_bed_h + 48.0, 24.0);
  auto evening = [](double h) { return h < 12.0 ? h + 24.0 : h; };
  auto morning = [](double h) { return h >= 12.0 ? h - 24.0 : h; };
  if (shift_h == 0) return {evening(f.habitual_bed_h), evening(f.habitual_bed_h) + duration};
  if (dir == ShiftDirection::kAdvance) {
    const double bed =
        std::max(evening(f.habitual_bed_h) - shift_h, evening(ClockH(o.earliest_bedtime)));
    return {bed, bed + duration};
  }
  const double wake = std::min(morning(f.habitual_wake_h) + 24.0 + shift_h,
                               morning(ClockH(o.latest_waketime)) + 24.0);
  return {wake - duration, wake};
}

}  // namespace

double TripFrame::Hours(Instant t) const {
  return std::chrono::duration<double, std::ratio<3600>>(t - t0).count();
}

Instant TripFrame::At(double hours) const {
  return t0 + seconds(static_cast<long long>(std::llround(hours * 3600.0)));
}

Result<TripFrame> MakeTripFrame(const JetLagRequest& r) {
  if (r.legs.empty()) return Status::InvalidArgument("a trip needs at least one flight", "legs");
  for (size_t i = 0; i < r.legs.size(); ++i) {
    const FlightLeg& l = r.legs[i];
    const std::string at = "legs[" + std::to_string(i) + "]";
    PINEAL_RETURN_IF_ERROR(ValidateTimeZone(l.from_zone).WithFieldPrefix(at + ".from"));
    PINEAL_RETURN_IF_ERROR(ValidateTimeZone(l.to_zone).WithFieldPrefix(at + ".to"));
    if (l.arrive <= l.depart) {
      return Status::InvalidArgument(at + ": arrival must be after departure", at + ".arrive");
    }
    if (l.arrive - l.depart > std::chrono::hours(36)) {
      return Status::InvalidArgument(at + ": a flight longer than 36 h is not plausible",
                                     at + ".arrive");
    }
    if (i > 0 && l.depart < r.legs[i - 1].arrive) {
      return Status::InvalidArgument(at + ": departs before the previous flight arrives",
                                     at + ".depart");
    }
  }
  if (r.max_pre_days < 0 || r.max_pre_days > 7) {
    return Status::InvalidArgument("pre-departure days must be 0-7", "max_pre_days");
  }
  if (r.days_after_arrival < 3 || r.days_after_arrival > 30) {
    return Status::InvalidArgument("days after arrival must be 3-30", "days_after_arrival");
  }
  const double sleep_h =
      std::fmod(ClockH(r.habitual_waketime) - ClockH(r.habitual_bedtime) + 48.0, 24.0);
  if (sleep_h < 4.0 || sleep_h > 12.0) {
    return Status::InvalidArgument("habitual sleep must last 4-12 h", "sleep");
  }
  TripFrame f;
  f.origin = r.legs.front().from_zone;
  f.destination = r.legs.back().to_zone;
  f.depart = r.legs.front().depart;
  f.arrive = r.legs.back().arrive;
  f.habitual_bed_h = ClockH(r.habitual_bedtime);
  f.habitual_wake_h = ClockH(r.habitual_waketime);
  f.pre_days_max = r.max_pre_days;
  f.days_after_arrival = r.days_after_arrival;
  PINEAL_ASSIGN_OR_RETURN(LocalDate depart_date, LocalDateOf(f.depart, f.origin));
  f.first_date = AddDays(depart_date, -std::max(r.max_pre_days, 1));
  PINEAL_ASSIGN_OR_RETURN(f.t0, FromLocal(f.first_date, TimeOfDay{0}, f.origin));
  PINEAL_ASSIGN_OR_RETURN(double off_o, UtcOffsetH(f.arrive, f.origin));
  PINEAL_ASSIGN_OR_RETURN(double off_d, UtcOffsetH(f.arrive, f.destination));
  f.zone_shift_h = WrapHours(off_d - off_o);
  for (const FlightLeg& l : r.legs) f.flights.push_back({f.Hours(l.depart), f.Hours(l.arrive)});
  return f;
}

Result<std::vector<TripDay>> TripDays(const TripFrame& f, const PlanOptions& o, int pre_days,
                                      double shift_per_day_h, ShiftDirection dir,
                                      double target_clock_h) {
  const double depart = f.Hours(f.depart), arrive = f.Hours(f.arrive);
  PINEAL_ASSIGN_OR_RETURN(LocalDate depart_date, LocalDateOf(f.depart, f.origin));
  PINEAL_ASSIGN_OR_RETURN(LocalDate arrive_date, LocalDateOf(f.arrive, f.destination));
  std::vector<Sleep> sleeps;
  // Nights at home, from the night before the first day.
  for (LocalDate d = AddDays(f.first_date, -1); d <= depart_date; d = AddDays(d, 1)) {
    const int before =
        static_cast<int>((std::chrono::sys_days(depart_date) - std::chrono::sys_days(d)).count());
    const double shift =
        before >= 1 && before <= pre_days ? shift_per_day_h * (pre_days - before + 1) : 0.0;
    const Span c = NightClock(f, o, shift, dir);
    PINEAL_ASSIGN_OR_RETURN(Instant s, LocalInstant(d, c.first, f.origin));
    PINEAL_ASSIGN_OR_RETURN(Instant e, LocalInstant(d, c.second, f.origin));
    Sleep sl{f.Hours(s), std::min(f.Hours(e), depart - kBeforeDepartureH)};
    if (sl.end - sl.start >= kMinSleepH) sleeps.push_back(sl);
  }
  // On the plane: the destination's habitual night, when a flight spans it.
  const Span home_night = NightClock(f, o, 0.0, dir);
  for (LocalDate d = AddDays(depart_date, -1); d <= arrive_date; d = AddDays(d, 1)) {
    PINEAL_ASSIGN_OR_RETURN(Instant s, LocalInstant(d, home_night.first, f.destination));
    PINEAL_ASSIGN_OR_RETURN(Instant e, LocalInstant(d, home_night.second, f.destination));
    for (const Span& fl : f.flights) {
      const Sleep sl{std::max(f.Hours(s), fl.first + 1.0), std::min(f.Hours(e), fl.second - 0.5)};
      if (sl.end - sl.start >= kMinSleepH) sleeps.push_back(sl);
    }
  }
  // Nights at the destination.
  const LocalDate last = AddDays(arrive_date, f.days_after_arrival);
  for (LocalDate d = AddDays(arrive_date, -1); d <= last; d = AddDays(d, 1)) {
    PINEAL_ASSIGN_OR_RETURN(Instant s, LocalInstant(d, home_night.first, f.destination));
    PINEAL_ASSIGN_OR_RETURN(Instant e, LocalInstant(d, home_night.second, f.destination));
    const Sleep sl{std::max(f.Hours(s), arrive + 1.0), f.Hours(e)};
    if (sl.end - sl.start >= kMinSleepH + 1.0) sleeps.push_back(sl);
  }
  std::sort(sleeps.begin(), sleeps.end(),
            [](const Sleep& a, const Sleep& b) { return a.start < b.start; });
  std::vector<TripDay> out;
  for (size_t i = 1; i < sleeps.size(); ++i) {
    if (sleeps[i].start < sleeps[i - 1].end + 1.0) {
      return Status::InvalidArgument(
          "the flights leave no room for the sleep schedule; check the times", "legs");
    }
    TripDay day;
    day.engine.wake_h = sleeps[i - 1].end;
    day.engine.bed_h = sleeps[i].start;
    day.engine.next_wake_h = sleeps[i].end;
    day.engine.no_bright = f.flights;
    for (const Span& fl : f.flights) {
      day.travel = day.travel || (fl.first < day.engine.bed_h && fl.second > day.engine.wake_h);
    }
    const bool at_destination = day.engine.bed_h > arrive;
    day.zone = at_destination ? f.destination : f.origin;
    PINEAL_ASSIGN_OR_RETURN(day.date, LocalDateOf(f.At(day.engine.wake_h + 1e-3), day.zone));
    // The destination CBTmin nearest where an entrained clock would put it.
    PINEAL_ASSIGN_OR_RETURN(LocalDate dd, LocalDateOf(f.At(day.engine.wake_h), f.destination));
    const double want =
        day.engine.wake_h - std::fmod(f.habitual_wake_h - target_clock_h + 48.0, 24.0);
    double best = 1e300;
    for (int k = -1; k <= 1; ++k) {
      PINEAL_ASSIGN_OR_RETURN(Instant c,
                              LocalInstant(AddDays(dd, k), target_clock_h, f.destination));
      if (std::abs(f.Hours(c) - want) < std::abs(best - want)) best = f.Hours(c);
    }
    day.engine.target_cbtmin_h = best;
    out.push_back(std::move(day));
  }
  // Number days from the arrival day (the wake episode that ends after arrival).
  int arrival_index = -1;
  for (size_t i = 0; i < out.size() && arrival_index < 0; ++i) {
    if (out[i].engine.bed_h > arrive) arrival_index = static_cast<int>(i);
  }
  if (arrival_index < 0) return Status::Internal("arrival day not found");
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].day = static_cast<int>(i) - arrival_index;
    out[i].engine.counts = out[i].day >= 0;
    // At home the plan acts from the first adjustment day (the afternoon
    // before the first shifted night) and on the day of departure.
    out[i].engine.interventions =
        out[i].zone == f.destination || out[i].date >= AddDays(depart_date, -pre_days);
  }
  return out;
}

}  // namespace pineal::circadian
