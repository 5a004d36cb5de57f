// The alert rules read only a window of the dose log (DoseLookback): on
// random records with long histories, the shipped rules find exactly the same
// alerts in the doses a store returns for the window as in the whole log.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "adherence_test_support.h"
#include "pineal/kb/rules_loader.h"
#include "pineal/monitor/alert.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders
using std::chrono::hours;
using std::chrono::minutes;

const kb::AlertRuleSet& ShippedRules() {
  static const kb::AlertRuleSet rules = [] {
    auto r = kb::LoadDefaultMonitoringRules();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->alerts : kb::AlertRuleSet{};
  }();
  return rules;
}

// A record of up to ~4 months with melatonin and kratom planned daily, doses
// taken, skipped and extra (some logged days before they were planned),
// scores of every instrument the rules name, side effects.
AlertInputs RandomRecord(std::mt19937& rng, Instant now) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const hours day(24);
  AlertInputs in;
  in.patient.id = PatientId(1);
  in.patient.time_zone = pick(0, 1) ? "Europe/Berlin" : "America/Los_Angeles";
  in.patient.birth_date = Day("1980-01-01");
  const auto start = [&](int days_ago) {
    return LocalDate(std::chrono::floor<std::chrono::days>(now - day * days_ago));
  };
  auto mel = Version(1, "2026-01-01", Mg(2), {Clock(22)});
  mel.start_date = start(pick(10, 100));
  auto kratom = Version(1, "2026-01-01", G(2), {Clock(8), Clock(14), Clock(20)});
  kratom.start_date = start(pick(10, 100));
  in.regimens = {MakeRegimen(1, "melatonin", {mel}), MakeRegimen(2, "kratom", {kratom})};

  const int doses = pick(0, 250);
  for (int i = 0; i < doses; ++i) {
    const bool is_kratom = pick(0, 2) == 0;
    const Instant at = now - minutes(pick(-2 * 24 * 60, 120 * 24 * 60));
    records::DoseEvent e;
    e.id = DoseEventId(i + 1);
    e.patient_id = PatientId(1);
    e.regimen_id = RegimenId(is_kratom ? 2 : 1);
    e.substance = is_kratom ? "kratom" : "melatonin";
    const int kind = pick(0, 9);
    if (kind < 6) {
      e.status = records::DoseStatus::kTaken;
      e.taken_at = at;
      e.amount = is_kratom ? G(pick(1, 4)) : Mg(pick(1, 4));
      // Sometimes planned far from when it was taken.
      if (pick(0, 4) == 0) e.planned_at = at + minutes(pick(-3 * 24 * 60, 40 * 24 * 60));
    } else if (kind < 9) {
      e.status = records::DoseStatus::kSkipped;
      e.planned_at = at;
    } else {
      e.status = records::DoseStatus::kExtra;
      e.taken_at = at;
      e.amount = is_kratom ? G(pick(1, 4)) : Mg(pick(1, 4));
    }
    in.dose_events.push_back(e);
  }
  std::stable_sort(in.dose_events.begin(), in.dose_events.end(),
                   [](const auto& a, const auto& b) { return a.when() < b.when(); });

  const char* codes[] = {"ISI", "COWS", "SOWS", "PHQ-9"};
  const int scores = pick(0, 12);
  for (int i = 0; i < scores; ++i) {
    const char* code = codes[pick(0, 3)];
    ScoredResponse r{ObservationId(1000 + i),          code, now - hours(pick(0, 200 * 24)),
                     static_cast<double>(pick(0, 30)), "",   {}};
    if (std::string(code) == "PHQ-9") r.items["item9"] = pick(0, 2);
    in.responses.push_back(r);
  }
  std::stable_sort(in.responses.begin(), in.responses.end(),
                   [](const auto& a, const auto& b) { return a.observed_at < b.observed_at; });
  const int effects = pick(0, 3);
  for (int i = 0; i < effects; ++i) {
    in.side_effects.push_back({ObservationId(2000 + i), "headache", pick(1, 4),
                               now - hours(pick(0, 200 * 24)), "melatonin", pick(0, 1) == 1});
  }
  if (pick(0, 5) > 0) in.last_checkin = now - hours(pick(0, 20 * 24));
  return in;
}

// What ListDoseEventsSince returns of the log: taken or planned since `from`.
std::vector<records::DoseEvent> Since(const std::vector<records::DoseEvent>& all, Instant from) {
  std::vector<records::DoseEvent> out;
  for (const auto& e : all) {
    if (e.when() >= from || (e.planned_at && *e.planned_at >= from)) out.push_back(e);
  }
  return out;
}

std::vector<std::string> Describe(const std::vector<AlertCandidate>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) {
    std::string evidence;
    for (const auto& e : c.evidence) {
      evidence += std::string(EvidenceKindName(e.kind)) + ":" + std::to_string(e.id) + " ";
    }
    out.push_back(c.dedupe_key + " | " + c.message + " | " + evidence);
  }
  return out;
}

TEST(AlertWindow, TheWindowFindsTheSameAlertsAsTheWholeRecordForEveryRuleKind) {
  const kb::AlertRuleSet& rules = ShippedRules();
  ASSERT_FALSE(rules.rules.empty());
  const hours lookback = DoseLookback(rules);
  std::map<std::string, kb::AlertKind> kind_of;
  for (const auto& r : rules.rules) kind_of[r.id] = r.kind;

  std::mt19937 rng(20261207);
  std::map<kb::AlertKind, int> fired;
  int trimmed = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const Instant now = At("2026-03-16T10:00:00Z") + minutes(trial * 997);
    AlertInputs whole = RandomRecord(rng, now);
    AlertInputs window = whole;
    window.dose_events = Since(whole.dose_events, now - lookback);
    if (window.dose_events.size() < whole.dose_events.size()) ++trimmed;
    const auto expected = EvaluateAlerts(rules, whole, now);
    ASSERT_EQ(Describe(EvaluateAlerts(rules, window, now)), Describe(expected))
        << "trial " << trial;
    for (const auto& c : expected) ++fired[kind_of.at(c.rule_id)];
  }
  // The records reach back beyond the window, and every kind of the shipped
  // rules fired somewhere, so each was compared with something to find.
  EXPECT_GT(trimmed, 500);
  for (const auto& r : rules.rules) {
    EXPECT_GT(fired[r.kind], 0) << kb::AlertKindName(r.kind) << " never fired";
  }
}

TEST(AlertWindow, TheLookbackFollowsTheRulesParameters) {
  kb::AlertRuleSet rules = ShippedRules();
  const hours shipped = DoseLookback(rules);
  for (auto& r : rules.rules) {
    if (r.kind == kb::AlertKind::kAdherenceBelow) r.numbers["window_days"] = 60;
  }
  // 2 x 60 days + a day, twice the match window, two days for time zones.
  EXPECT_EQ(DoseLookback(rules),
            hours(24 * 121) +
                2 * std::chrono::ceil<hours>(minutes(rules.adherence.match_window_min)) +
                hours(48));
  EXPECT_GT(DoseLookback(rules), shipped);
  // Rules that read no doses need none.
  kb::AlertRuleSet none;
  for (const auto& r : ShippedRules().rules) {
    if (r.kind == kb::AlertKind::kNoCheckin || r.kind == kb::AlertKind::kInstrumentItem) {
      none.rules.push_back(r);
    }
  }
  EXPECT_EQ(DoseLookback(none), hours(0));
}

}  // namespace
}  // namespace pineal::monitor
