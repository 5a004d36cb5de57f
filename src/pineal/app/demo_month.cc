// The demo clinic's month of check-ins. Helen M. (47, insomnia) has taken
// melatonin 1 mg at 22:00 for five weeks, missing three doses. Her ISI fell
// only from 18 to 16 (a fall of 8 marks meaningful improvement, Morin 2011);
// at four weeks her PHQ-9 item 9 was 1. What a clinician expects to see:
// an urgent PHQ-9 item-9 alert, a "no ISI improvement" warning, the routine
// review (28 days after the start) a week overdue, and a titration proposal
// that holds: the protocol would step up the adult ladder (1 -> 2 mg), but not
// while the item-9 alert is unresolved.
#include <array>

#include "pineal/app/demo_parts.h"

namespace pineal::app {
namespace {

using records::ObservationKind;

constexpr int kMonthDays = 35;
constexpr std::array<int, 3> kMissedDays = {9, 19, 29};

struct Response {
  int day;
  const char* instrument;
  std::vector<int> answers;
};

// ISI 18, 18, 17, 17, 16, 16; PHQ-9 5 then 8 with item 9 = 1; GAD-7 5.
const std::vector<Response>& Responses() {
  static const std::vector<Response> r = {
      {0, "ISI", {3, 3, 3, 2, 3, 2, 2}},         {7, "ISI", {3, 3, 3, 2, 3, 2, 2}},
      {14, "ISI", {3, 3, 2, 2, 3, 2, 2}},        {21, "ISI", {3, 3, 2, 2, 3, 2, 2}},
      {28, "ISI", {3, 2, 2, 2, 3, 2, 2}},        {35, "ISI", {3, 2, 2, 2, 3, 2, 2}},
      {0, "PHQ-9", {1, 1, 1, 1, 0, 1, 0, 0, 0}}, {28, "PHQ-9", {1, 1, 2, 1, 1, 1, 0, 0, 1}},
      {0, "GAD-7", {1, 1, 1, 1, 0, 1, 0}}};
  return r;
}

bool Missed(int day) {
  for (int d : kMissedDays) {
    if (d == day) return true;
  }
  return false;
}

Result<Instant> LocalAt(LocalDate start, int day, int minutes, const std::string& zone) {
  return FromLocal(std::chrono::sys_days(start) + std::chrono::days(day), TimeOfDay{minutes}, zone);
}

}  // namespace

Status LoadDemoMonth(PinealApp& app, const Actor& actor, const std::string& clinician,
                     DemoSummary& summary) {
  const Instant now = app.clock().Now();
  const LocalDate today = DateOf(now);
  const LocalDate start = std::chrono::sys_days(today) - std::chrono::days(kMonthDays);
  const LocalDate birth{today.year() - std::chrono::years(47), std::chrono::month(4),
                        std::chrono::day(9)};
  PINEAL_ASSIGN_OR_RETURN(records::Patient p,
                          app.patients().CreatePatient(
                              actor, MakePatient("Helen M.", birth, records::Sex::kFemale, 68,
                                                 {"insomnia"}, false, "Europe/London", today)));
  ++summary.patients;
  PINEAL_RETURN_IF_ERROR(app.accounts().AddToCareTeam(actor, p.id, clinician));
  ScreeningReport report;
  PINEAL_ASSIGN_OR_RETURN(
      records::Regimen r,
      app.regimens().CreateRegimen(
          actor, p.id,
          RegimenDraft{"melatonin", Plan("ir", *Mass::Make(1, "mg"), {"22:00"}, "insomnia", start,
                                         "Start low: 1 mg 30-60 min before bed")},
          {}, &report));
  ++summary.regimens;

  for (int day = 0; day <= kMonthDays; ++day) {
    PINEAL_ASSIGN_OR_RETURN(Instant dose_at, LocalAt(start, day, 22 * 60, p.time_zone));
    // Taken up to 30 minutes late: logged once that moment has passed.
    const Instant taken_at = dose_at + std::chrono::minutes(day % 4 * 10);
    if (taken_at <= now && !Missed(day)) {
      records::DoseEvent e;
      e.regimen_id = r.id;
      e.planned_at = dose_at;
      e.taken_at = taken_at;
      e.amount = r.current().dose;
      PINEAL_RETURN_IF_ERROR(app.patients().RecordDoseEvent(actor, p.id, e).status());
      ++summary.dose_events;
    }
    // The morning's sleep diary, from the second morning on: efficiency
    // 72 -> 78 %, total sleep 330 -> 360 min, latency 45 -> 35 min.
    PINEAL_ASSIGN_OR_RETURN(Instant morning, LocalAt(start, day, 7 * 60 + 15, p.time_zone));
    if (day > 0 && morning <= now) {
      const double f = static_cast<double>(day) / kMonthDays;
      const std::array<std::tuple<const char*, double, const char*>, 3> diary = {
          {{"sleep_efficiency", std::round(72 + 6 * f), "%"},
           {"total_sleep_time", std::round(330 + 30 * f), "min"},
           {"sleep_onset_latency", std::round(45 - 10 * f), "min"}}};
      for (const auto& [code, value, unit] : diary) {
        records::Observation o;
        o.kind = ObservationKind::kSleepDiary;
        o.code = code;
        o.value = value;
        o.unit = unit;
        o.observed_at = morning;
        PINEAL_RETURN_IF_ERROR(app.patients().RecordObservation(actor, p.id, o).status());
        ++summary.observations;
      }
    }
    if (day == 5) {
      records::Observation o;
      o.kind = ObservationKind::kSideEffect;
      o.code = "vivid_dreams";
      o.value = 1;
      o.observed_at = morning;
      PINEAL_ASSIGN_OR_RETURN(Instant onset, LocalAt(start, 4, 0, p.time_zone));
      o.components = {{"onset", std::nullopt, FormatInstant(onset)},
                      {"suspected_substance", std::nullopt, "melatonin"},
                      {"ongoing", 0.0, ""}};
      PINEAL_RETURN_IF_ERROR(app.patients().RecordObservation(actor, p.id, o).status());
      ++summary.observations;
    }
  }
  for (const auto& resp : Responses()) {
    PINEAL_ASSIGN_OR_RETURN(Instant at, LocalAt(start, resp.day, 9 * 60, p.time_zone));
    if (at > now) continue;
    ResponseDraft draft;
    draft.instrument = resp.instrument;
    draft.observed_at = at;
    for (std::size_t i = 0; i < resp.answers.size(); ++i) {
      draft.answers.push_back({"item" + std::to_string(i + 1), resp.answers[i]});
    }
    PINEAL_RETURN_IF_ERROR(app.patients().RecordResponse(actor, p.id, std::move(draft)).status());
    ++summary.observations;
  }
  PINEAL_ASSIGN_OR_RETURN(auto alerts, AllPages([&](const PageRequest& page) {
                            return app.monitoring().ListAlerts(actor, p.id, "open", page);
                          }));
  summary.alerts += static_cast<int>(alerts.size());
  PINEAL_RETURN_IF_ERROR(app.monitoring().ProposeTitration(actor, p.id, r.id).status());
  ++summary.proposals;
  return Status::Ok();
}

}  // namespace pineal::app
