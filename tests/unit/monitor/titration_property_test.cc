// Properties of the titration engine over random records, with the shipped
// protocols: a ladder never raises a dose above the ceiling of the patient's
// ladder (nor by more than one step), never increases against a caution or
// low adherence; a taper never proposes more than the current amount, and
// COWS at or above 25 always refers. Every proposal needs a clinician.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "titration_test_support.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders
using std::chrono::days;
using std::chrono::hours;

// A whole number in [lo, hi), uniform whatever rapidcheck's size: the rules
// have edges far from zero (day 28, COWS 25) that small sizes never reach.
int Pick(int lo, int hi) { return *rc::gen::resize(rc::kNominalSize, rc::gen::inRange(lo, hi)); }

Instant Noon(LocalDate d) { return Instant(std::chrono::sys_days(d)) + hours(12); }
LocalDate Plus(LocalDate d, int n) { return LocalDate(std::chrono::sys_days(d) + days(n)); }

// Random patient, regimen, side effects and adherence. Each fact is drawn so
// that most cases reach the later rules (an increase or a taper step).
TitrationInputs RandomInputs(const char* substance, Mass dose, int doses_per_day,
                             const std::string& indication, LocalDate start, LocalDate today) {
  TitrationInputs in;
  in.patient.time_zone = "UTC";
  const int age = Pick(18, 95);
  if (Pick(0, 10) > 0) in.patient.birth_date = Plus(start, -(age * 365 + 30));
  in.patient.pregnancy = Pick(0, 8) == 0 ? records::PregnancyStatus::kPregnant
                                         : records::PregnancyStatus::kNotPregnant;
  in.patient.breastfeeding = Pick(0, 10) == 0;
  if (Pick(0, 8) == 0) in.patient.conditions = {"cirrhosis"};
  std::vector<TimeOfDay> times;
  for (int i = 0; i < doses_per_day; ++i) times.push_back(Clock(7 + 4 * i));
  records::RegimenVersion v = Version(1, FormatDate(start).c_str(), dose, times);
  v.indication = indication;
  in.regimen = MakeRegimen(1, substance, {v});
  if (Pick(0, 6) > 0) in.adherence_percent = Pick(50, 101);
  if (Pick(0, 3) == 0) {
    in.side_effects.push_back(
        {ObservationId(500), "nausea", Pick(1, 6), Noon(Plus(today, -Pick(0, 60))),
         *rc::gen::element<std::string>(substance, "caffeine"), Pick(0, 2) == 1});
  }
  return in;
}

// Up to five scores of `code`, dated within `max_days_back` days before today.
void AddScores(TitrationInputs& in, const char* code, int max_total, LocalDate today,
               int max_days_back, int from_id) {
  const int n = Pick(0, 6);
  for (int i = 0; i < n; ++i) {
    in.responses.push_back({ObservationId(from_id + i),
                            code,
                            Noon(Plus(today, -Pick(0, max_days_back + 1))),
                            static_cast<double>(Pick(0, max_total + 1)),
                            "",
                            {}});
  }
}

RC_GTEST_PROP(TitrationProperty, LadderNeverRaisesAboveTheCeiling, ()) {
  const kb::Protocol* proto = ShippedProtocols().Find("protocol.melatonin.insomnia");
  RC_ASSERT(proto != nullptr);
  const double dose_mg = *rc::gen::element(0.3, 0.5, 0.5, 1.0, 1.0, 2.0, 2.0, 2.5, 3.0, 3.0, 4.0,
                                           5.0, 5.0, 7.0, 10.0, 12.0, 30.0);
  const LocalDate start = Day("2026-01-01");
  // Mostly past the first 28-day evaluation window.
  const int day = Pick(0, 4) == 0 ? Pick(0, 28) : 28 + Pick(0, 90);
  const LocalDate today = Plus(start, day);
  TitrationInputs in = RandomInputs("melatonin", Mg(dose_mg), 1, "insomnia", start, today);
  if (Pick(0, 5) > 0) {  // a baseline, mostly
    in.responses.push_back({ObservationId(99),
                            "ISI",
                            Noon(Plus(start, -Pick(0, 10))),
                            static_cast<double>(Pick(8, 29)),
                            "",
                            {}});
  }
  AddScores(in, "ISI", 28, today, 10, 100);
  auto r = ProposeTitration(*proto, in, today);
  RC_ASSERT(r.ok());
  const TitrationProposal& p = *r;
  RC_TAG(std::string(TitrationActionName(p.action)) + "/" + p.decided_by);
  RC_ASSERT(p.needs_clinician_decision);
  RC_ASSERT(p.current_dose == Mg(dose_mg));
  std::optional<int> age;
  if (in.patient.birth_date) age = AgeInYears(*in.patient.birth_date, today);
  const Mass ceiling = age && *age >= 65 ? Mg(2) : Mg(5);  // the shipped ladders
  if (p.current_dose < p.dose) {
    RC_ASSERT(p.action == TitrationAction::kIncrease);
    RC_ASSERT(p.dose <= ceiling);
    RC_ASSERT(age.has_value());
    RC_ASSERT(in.adherence_percent.has_value() && *in.adherence_percent >= 80);
    RC_ASSERT(in.patient.pregnancy != records::PregnancyStatus::kPregnant);
    RC_ASSERT(!in.patient.breastfeeding && in.patient.conditions.empty());
    // One step: nothing on the ladder lies between the two doses.
    for (const kb::Ladder& l : proto->ladders) {
      if ((l.min_age_years.value_or(0) <= *age) && (l.ceiling() == ceiling)) {
        for (const Mass& step : l.steps) RC_ASSERT(!(p.current_dose < step && step < p.dose));
      }
    }
  } else {
    RC_ASSERT(p.action != TitrationAction::kIncrease);
  }
  if (p.action == TitrationAction::kStop) RC_ASSERT(p.dose == Mg(0));
  if (p.explicit_option) RC_ASSERT(ceiling <= p.current_dose && p.dose == p.current_dose);
}

RC_GTEST_PROP(TitrationProperty, TaperNeverIncreases, ()) {
  const kb::Protocol* proto = ShippedProtocols().Find("protocol.kratom.taper");
  RC_ASSERT(proto != nullptr);
  const Mass dose = G(Pick(1, 100) / 10.0);  // 0.1 to 9.9 g
  const int per_day = Pick(1, 5);
  const LocalDate start = Day("2026-02-01");
  const LocalDate today = Plus(start, Pick(0, 60));
  TitrationInputs in = RandomInputs("kratom", dose, per_day, "kratom dependence", start, today);
  AddScores(in, "COWS", *rc::gen::element(12, 48), today, 14, 300);
  AddScores(in, "SOWS", 64, today, 14, 400);
  auto r = ProposeTitration(*proto, in, today);
  RC_ASSERT(r.ok());
  const TitrationProposal& p = *r;
  RC_TAG(std::string(TitrationActionName(p.action)) + "/" + p.decided_by);
  RC_ASSERT(p.needs_clinician_decision);
  RC_ASSERT(p.action != TitrationAction::kIncrease && p.action != TitrationAction::kDecrease);
  RC_ASSERT(p.dose <= p.current_dose);
  RC_ASSERT(p.daily_dose <= p.current_daily_dose);
  if (p.action == TitrationAction::kTaper) {
    RC_ASSERT(p.dose < p.current_dose && Mg(0) < p.dose);
    // At least the protocol's 10%, at most 10% plus one 0.1 g rounding unit
    // per dose below the current daily amount.
    const double cut_mg = p.current_daily_dose.base() - p.daily_dose.base();
    RC_ASSERT(cut_mg >= 0.1 * p.current_daily_dose.base() - 1e-6 ||
              cut_mg >= 100.0 * per_day - 1e-6);
    RC_ASSERT(cut_mg <= 0.1 * p.current_daily_dose.base() + 100.0 * per_day + 1e-6);
  }
  // The latest COWS, if it lies within the last 10 days (the regimen has one
  // amount, so the window starts at max(start, today - 10)), decides referral.
  const ScoredResponse* latest = nullptr;
  for (const auto& s : in.responses) {
    if (s.code != "COWS" || DateOf(s.observed_at) > today) continue;
    // Among equal times the later one in the input counts, as in the engine.
    if (latest == nullptr || latest->observed_at <= s.observed_at) latest = &s;
  }
  const LocalDate window_start = std::max(start, Plus(today, -10));
  if (latest != nullptr && DateOf(latest->observed_at) >= window_start && latest->total >= 25) {
    RC_ASSERT(p.action == TitrationAction::kRefer);
    RC_ASSERT(p.urgent);
  }
}

}  // namespace
}  // namespace pineal::monitor
