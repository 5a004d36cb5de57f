// Alert evaluation after a check-in loads only what the rules read: a patient
// with a year of history before the window gets the same alerts as one with
// only the recent entries, and the bounded load holds exactly the recent
// doses, every score and side effect, and the same last check-in.
#include <algorithm>
#include <set>
#include <tuple>

#include "pineal/app/alert_refresh.h"
#include "tests/unit/app/app_fixture.h"

namespace pineal::app {
namespace {

using namespace pineal::testing;  // NOLINT: fixture helpers

class AlertWindowAppTest : public AppTest {
 protected:
  // Doses every 6 hours from `from` until `until` (some above the plan's
  // 2 mg), written to the store as they would have been.
  void AddDoses(PatientId p, Instant from, Instant until = At(kNow) - std::chrono::hours(1)) {
    int i = 0;
    for (Instant t = from; t < until; t += std::chrono::hours(6)) {
      records::DoseEvent e = Taken("2026-01-01T00:00:00Z", i % 9 == 0 ? 5 : 2);
      e.patient_id = p;
      e.taken_at = t;
      e.provenance = {t + std::chrono::minutes(5), "patient"};
      ASSERT_TRUE(memory_.InsertDoseEvent(e).ok());
      ++i;
    }
  }
  void AddScore(PatientId p, const char* at, double isi) {
    records::Observation o;
    o.patient_id = p;
    o.kind = records::ObservationKind::kInstrument;
    o.code = "ISI";
    o.value = isi;
    o.unit = "{score}";
    o.observed_at = At(at);
    o.provenance = {At(at), "patient"};
    ASSERT_TRUE(memory_.InsertObservation(o).ok());
  }
  // The patient's alerts, without the ids that differ between patients.
  std::multiset<std::tuple<std::string, std::string, std::string>> Alerts(PatientId p) {
    store::AlertQuery q;
    q.patient = p;
    auto list = memory_.ListAlerts(q);
    EXPECT_TRUE(list.ok());
    std::multiset<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& a : *list) out.insert({a.rule_id, a.message, a.status()});
    return out;
  }
};

TEST_F(AlertWindowAppTest, OldHistoryOutsideTheWindowChangesNoAlert) {
  const PatientId with_history = NewPatient("With history");
  const PatientId recent_only = NewPatient("Recent only");
  for (PatientId p : {with_history, recent_only}) {
    ASSERT_TRUE(CreateRegimen(p, 2).ok());
    AddScore(p, "2026-10-30T08:00:00Z", 19);  // the baseline before the regimen
    AddDoses(p, At("2026-10-20T00:00:00Z"));
  }
  // A year more, all before the window.
  AddDoses(with_history, At("2025-10-01T00:00:00Z"), At("2026-09-01T00:00:00Z"));
  AddScore(with_history, "2025-12-01T08:00:00Z", 25);
  for (PatientId p : {with_history, recent_only}) {
    auto written = app_->patients().RecordDoseEvent(dr_, p, Taken("2026-11-10T11:00:00Z", 2));
    ASSERT_TRUE(written.ok()) << written.status().ToString();
  }
  const auto alerts = Alerts(recent_only);
  EXPECT_FALSE(alerts.empty());  // doses above the plan, at least
  EXPECT_EQ(Alerts(with_history), alerts);
}

TEST_F(AlertWindowAppTest, TheBoundedLoadIsTheWholeRecordCutToTheWindow) {
  const PatientId p = NewPatient();
  ASSERT_TRUE(CreateRegimen(p, 2).ok());
  AddDoses(p, At("2025-10-01T00:00:00Z"));
  AddScore(p, "2025-12-01T08:00:00Z", 25);
  AddScore(p, "2026-11-09T08:00:00Z", 12);
  records::Observation vital;
  vital.patient_id = p;
  vital.kind = records::ObservationKind::kVital;
  vital.code = "heart_rate";
  vital.value = 60;
  vital.unit = "/min";
  vital.observed_at = At("2026-11-10T09:00:00Z");
  vital.provenance = {At("2026-11-10T11:30:00Z"), "patient"};  // the newest recording
  ASSERT_TRUE(memory_.InsertObservation(vital).ok());

  AlertRefresh refresh(store_, clock_, Knowledge().View());
  auto whole = refresh.LoadMonitoring(p);
  auto window = refresh.LoadAlertInputs(p, At(kNow));
  ASSERT_TRUE(whole.ok() && window.ok());
  const Instant from = At(kNow) - monitor::DoseLookback(Knowledge().rules.alerts);
  std::vector<std::int64_t> expected, got;
  for (const auto& e : whole->doses) {
    if (e.when() >= from || (e.planned_at && *e.planned_at >= from))
      expected.push_back(e.id.value());
  }
  for (const auto& e : window->doses) got.push_back(e.id.value());
  EXPECT_EQ(got, expected);
  EXPECT_LT(window->doses.size() * 5, whole->doses.size());
  ASSERT_EQ(window->responses.size(), 2u);
  EXPECT_EQ(window->responses.size(), whole->responses.size());
  EXPECT_EQ(window->last_checkin, whole->last_checkin);
  EXPECT_EQ(window->last_checkin, At("2026-11-10T11:30:00Z"));
}

}  // namespace
}  // namespace pineal::app
