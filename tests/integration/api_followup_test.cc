// The monitoring loop through the API on scripted histories with a fixed
// clock: alerts that open once, change status with a note and stay in the
// inbox until resolved; review dates from knowledge/rules/followup.yaml;
// adherence; titration proposals that change nothing until a clinician
// decides. Expected values are worked out by hand in the comments.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

Instant At(const char* iso) { return *ParseInstant(iso); }

class FollowupApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    clock_.Set(At("2026-09-01T06:00:00Z"));
    pid_ = NewPatient();  // born 1960-05-04 (66), Europe/Paris (UTC+2 in September)
    base_ = "/api/v1/patients/" + std::to_string(pid_);
  }
  std::int64_t Regimen(const std::string& dose, const std::string& indication = "insomnia") {
    Reply r = Post(base_ + "/regimens", {{"substance", "melatonin"},
                                         {"formulation", "ir"},
                                         {"dose", dose},
                                         {"times_of_day", {"22:00"}},
                                         {"indication", indication},
                                         {"start_date", "2026-09-01"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0);
  }
  Reply Isi(const json& answers, const char* at) {
    return Post(base_ + "/responses",
                {{"instrument", "ISI"}, {"observed_at", at}, {"answers", answers}});
  }
  // A dose taken at 22:00 Paris (20:00 UTC) on each September day in [first, last].
  void TakeDoses(std::int64_t regimen, int first, int last) {
    for (int day = first; day <= last; ++day) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-09-%02dT20:00:00Z", day);
      Reply r = Post(base_ + "/dose-events", {{"regimen_id", regimen},
                                              {"planned_at", at},
                                              {"taken_at", at},
                                              {"amount", "1 mg"},
                                              {"status", "taken"}});
      ASSERT_EQ(r.status, 201) << r.raw;
    }
  }
  // Melatonin 1 mg from 1 September taken every night, and an ISI that barely
  // moved by the 30th (a fall of 1 point): the protocol's case for a step-up.
  // The clock is then 30 September.
  std::int64_t StalledOnOneMilligram() {
    const std::int64_t rid = Regimen("1 mg");
    EXPECT_EQ(Isi({3, 3, 3, 3, 3, 3, 2}, "2026-09-01T05:00:00Z").status, 201);
    clock_.Set(At("2026-09-30T08:00:00Z"));
    TakeDoses(rid, 1, 29);
    EXPECT_EQ(Isi({3, 3, 3, 3, 3, 2, 2}, "2026-09-30T06:00:00Z").status, 201);
    return rid;
  }
  // The alert of `rule` in a list answer (a copy), if any.
  static std::optional<json> AlertOf(const json& list, const std::string& rule) {
    for (const auto& a : list["items"]) {
      if (a["rule_id"] == rule) return a;
    }
    return std::nullopt;
  }
  std::int64_t pid_ = 0;
  std::string base_;
};

// alert.phq9.item9 (Kroenke 2001: item 9 > 0 needs same-day follow-up).
TEST_F(FollowupApiTest, Phq9Item9OpensOneUrgentAlertThatIsAcknowledgedThenResolved) {
  Reply r = Post(base_ + "/responses", {{"instrument", "PHQ-9"},
                                        {"observed_at", "2026-09-01T05:00:00Z"},
                                        {"answers", {0, 0, 0, 0, 0, 0, 0, 0, 1}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  Reply alerts = Get(base_ + "/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.raw;
  const std::optional<json> a = AlertOf(alerts.body, "alert.phq9.item9");
  ASSERT_TRUE(a.has_value()) << alerts.raw;
  EXPECT_EQ((*a)["severity"], "urgent");
  EXPECT_EQ((*a)["status"], "open");
  EXPECT_EQ((*a)["evidence"][0]["kind"], "observation");
  EXPECT_EQ((*a)["evidence"][0]["id"], r.body["observation"]["id"]);
  EXPECT_EQ((*a)["refs"], json({"kroenke2001"}));
  const std::string path = base_ + "/alerts/" + std::to_string((*a)["id"].get<int>());

  // Reading again evaluates again and opens nothing new.
  EXPECT_EQ(Get(base_ + "/alerts").body["items"].size(), alerts.body["items"].size());
  // The inbox lists it with the patient's name, urgent first.
  Reply inbox = Get("/api/v1/alerts");
  ASSERT_EQ(inbox.status, 200) << inbox.raw;
  ASSERT_GE(inbox.body["items"].size(), 1u);
  EXPECT_EQ(inbox.body["items"][0]["severity"], "urgent");
  EXPECT_EQ(inbox.body["items"][0]["patient_name"], "Ada L.");

  Reply bad = Post(path + "/status", {{"status", "closed"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["field"], "status");
  Reply no_note = Post(path + "/status", {{"status", "resolved"}});
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(no_note.body["error"]["field"], "note");
  EXPECT_EQ(Get(base_ + "/alerts?status=open").body["items"].size(),
            alerts.body["items"].size());  // unchanged by the refused requests

  Reply ack = Post(path + "/status", {{"status", "acknowledged"}, {"note", "phoned the patient"}});
  ASSERT_EQ(ack.status, 200) << ack.raw;
  EXPECT_EQ(ack.body["status"], "acknowledged");
  Reply done = Post(path + "/status",
                    {{"status", "resolved"}, {"note", "seen the same day; safety plan agreed"}});
  ASSERT_EQ(done.status, 200) << done.raw;
  ASSERT_EQ(done.body["history"].size(), 3u);
  EXPECT_EQ(done.body["history"][0]["status"], "open");
  EXPECT_EQ(done.body["history"][0]["by"], "system");
  EXPECT_EQ(done.body["history"][2]["by"], "dr.test");
  EXPECT_EQ(done.body["history"][2]["note"], "seen the same day; safety plan agreed");
  EXPECT_EQ(Post(path + "/status", {{"status", "acknowledged"}}).status, 409);
  EXPECT_FALSE(AlertOf(Get("/api/v1/alerts").body, "alert.phq9.item9").has_value());
  EXPECT_TRUE(AlertOf(Get("/api/v1/alerts?status=resolved").body, "alert.phq9.item9").has_value());
}

// A PHQ-9 without item 9 raised opens no item-9 alert.
TEST_F(FollowupApiTest, Phq9WithItem9ZeroOpensNoItem9Alert) {
  ASSERT_EQ(Post(base_ + "/responses", {{"instrument", "PHQ-9"},
                                        {"observed_at", "2026-09-01T05:00:00Z"},
                                        {"answers", {2, 2, 2, 2, 2, 2, 2, 2, 0}}})
                .status,
            201);
  EXPECT_FALSE(AlertOf(Get(base_ + "/alerts").body, "alert.phq9.item9").has_value());
}

// alert.side_effect.severe: a grade-3 report is urgent; grade 2 is not.
TEST_F(FollowupApiTest, AGrade3SideEffectIsUrgentAndGrade2IsNot) {
  ASSERT_EQ(Post(base_ + "/observations", {{"kind", "side_effect"},
                                           {"code", "headache"},
                                           {"value", 2},
                                           {"observed_at", "2026-09-01T05:00:00Z"}})
                .status,
            201);
  EXPECT_FALSE(AlertOf(Get(base_ + "/alerts").body, "alert.side_effect.severe").has_value());
  ASSERT_EQ(Post(base_ + "/observations",
                 {{"kind", "side_effect"},
                  {"code", "palpitations"},
                  {"value", 3},
                  {"observed_at", "2026-09-01T05:30:00Z"},
                  {"components", {{{"code", "suspected_substance"}, {"text", "melatonin"}}}}})
                .status,
            201);
  const std::optional<json> a = AlertOf(Get(base_ + "/alerts").body, "alert.side_effect.severe");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ((*a)["severity"], "urgent");
}

// alert.checkin.missing: ten days without a check-in while a regimen is in
// force (max 7 days); the next check-in resolves it by itself.
TEST_F(FollowupApiTest, NoCheckInForTenDaysOpensAnAlertThatTheNextCheckInResolves) {
  const std::int64_t rid = Regimen("1 mg");
  clock_.Set(At("2026-09-02T06:00:00Z"));
  TakeDoses(rid, 1, 1);
  EXPECT_FALSE(AlertOf(Get(base_ + "/alerts").body, "alert.checkin.missing").has_value());
  clock_.Set(At("2026-09-12T06:00:00Z"));
  auto open = AlertOf(Get(base_ + "/alerts?status=open").body, "alert.checkin.missing");
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ((*open)["severity"], "warning");
  TakeDoses(rid, 11, 11);
  EXPECT_FALSE(
      AlertOf(Get(base_ + "/alerts?status=open").body, "alert.checkin.missing").has_value());
  auto resolved = AlertOf(Get(base_ + "/alerts?status=resolved").body, "alert.checkin.missing");
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ((*resolved)["history"].back()["by"], "system");
}

// Logging five weeks of doses at once, oldest first, leaves no alert about
// check-ins or adherence open: each entry is a check-in now, and a window
// that fills up no longer shows low adherence.
TEST_F(FollowupApiTest, ABackfilledDoseLogLeavesNoStaleWindowAlertsOpen) {
  const std::int64_t rid = Regimen("1 mg");
  clock_.Set(At("2026-10-05T06:00:00Z"));
  for (int day = 1; day <= 30; ++day) {
    TakeDoses(rid, day, day);
  }
  Reply open = Get(base_ + "/alerts?status=open");
  EXPECT_FALSE(AlertOf(open.body, "alert.checkin.missing").has_value()) << open.raw;
  EXPECT_FALSE(AlertOf(open.body, "alert.adherence.low").has_value()) << open.raw;
}

// alert.adherence.low: 3 of 14 doses in the first complete 14-day block
// (09-01 to 09-14), logged as they were taken; it opens once the block is
// complete and states the numbers it opened with.
TEST_F(FollowupApiTest, LowAdherenceOverAFortnightOpensAnAlert) {
  const std::int64_t rid = Regimen("1 mg");
  for (int day = 1; day <= 3; ++day) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-09-%02dT20:30:00Z", day);
    clock_.Set(At(at));
    TakeDoses(rid, day, day);
  }
  clock_.Set(At("2026-09-10T06:00:00Z"));
  EXPECT_FALSE(AlertOf(Get(base_ + "/alerts").body, "alert.adherence.low").has_value());
  clock_.Set(At("2026-09-16T06:00:00Z"));
  auto a = AlertOf(Get(base_ + "/alerts?status=open").body, "alert.adherence.low");
  ASSERT_TRUE(a.has_value());
  EXPECT_NE((*a)["message"].get<std::string>().find("3 of 14"), std::string::npos) << *a;
}

// Only clinicians see alerts and proposals; the patient cannot, another
// clinician's patient is invisible (404).
TEST_F(FollowupApiTest, AlertsAndProposalsAreTheCareTeams) {
  const std::string patient_token = TokenFor("ada", store::UserRole::kPatient, PatientId(pid_));
  client_->set_bearer_token_auth(patient_token);
  EXPECT_EQ(Get(base_ + "/alerts").status, 403);
  EXPECT_EQ(Get(base_ + "/proposals").status, 403);
  EXPECT_EQ(Get("/api/v1/alerts").status, 403);
  EXPECT_EQ(Get(base_ + "/reviews").status, 200);  // their own review dates
  client_->set_bearer_token_auth(TokenFor("dr.other", store::UserRole::kClinician));
  EXPECT_EQ(Get(base_ + "/alerts").status, 404);
  EXPECT_EQ(Get(base_ + "/reviews").status, 404);
  EXPECT_EQ(Get("/api/v1/alerts").body["items"].size(), 0u);
}

// A dose change restarts the schedule, but the review that was overdue when it
// was saved stays due, marked as carried over, until a person records it.
TEST_F(FollowupApiTest, AnOverdueReviewSurvivesANewVersionUntilSomeoneActsOnIt) {
  const std::int64_t rid = Regimen("10 mg");  // review due 2026-09-15
  clock_.Set(At("2026-09-20T08:00:00Z"));
  const std::string regimen = base_ + "/regimens/" + std::to_string(rid);
  ASSERT_EQ(Post(regimen + "/versions",
                 {{"base_version", 1}, {"dose", "8 mg"}, {"reason", "next-morning grogginess"}})
                .status,
            201);
  Reply reviews = Get(base_ + "/reviews");
  ASSERT_EQ(reviews.status, 200) << reviews.raw;
  ASSERT_GE(reviews.body["items"].size(), 2u) << reviews.raw;
  EXPECT_EQ(reviews.body["items"][0]["date"], "2026-09-15");
  EXPECT_EQ(reviews.body["items"][0]["overdue"], true);
  EXPECT_EQ(reviews.body["items"][0]["days_overdue"], 5);
  EXPECT_EQ(reviews.body["items"][0]["reason"].get<std::string>().rfind("Carried over", 0), 0u)
      << reviews.raw;
  EXPECT_EQ(reviews.body["items"][1]["date"], "2026-10-04");  // the new version + 14 days
  EXPECT_EQ(Get("/api/v1/reviews/overdue").body["items"].size(), 1u);

  ASSERT_EQ(Post(regimen + "/reviews", {{"due", "2026-09-15"},
                                        {"action", "done"},
                                        {"date", "2026-09-20"},
                                        {"note", "seen with the dose change"}})
                .status,
            201);
  Reply after = Get(base_ + "/reviews");
  EXPECT_EQ(after.body["items"][0]["date"], "2026-10-04") << after.raw;
  EXPECT_EQ(Get("/api/v1/reviews/overdue").body["items"].size(), 0u);
}

// followup.melatonin.high_dose: above 5 mg the first review is 14 days after
// the start (2026-09-01 -> 09-15), then every 28 days.
TEST_F(FollowupApiTest, HighDoseMelatoninIsReviewedAfterTwoWeeksThenEveryFour) {
  const std::int64_t rid = Regimen("10 mg");
  Reply reviews = Get(base_ + "/reviews");
  ASSERT_EQ(reviews.status, 200) << reviews.raw;
  ASSERT_EQ(reviews.body["items"].size(), 3u) << reviews.raw;
  EXPECT_EQ(reviews.body["items"][0]["date"], "2026-09-15");
  EXPECT_EQ(reviews.body["items"][0]["rule_id"], "followup.melatonin.high_dose");
  EXPECT_EQ(reviews.body["items"][1]["date"], "2026-10-13");  // + 28
  EXPECT_EQ(reviews.body["items"][0]["overdue"], false);

  // On 2026-09-20 it is 5 days overdue and in the overdue list.
  clock_.Set(At("2026-09-20T08:00:00Z"));
  Reply late = Get(base_ + "/reviews");
  EXPECT_EQ(late.body["items"][0]["overdue"], true);
  EXPECT_EQ(late.body["items"][0]["days_overdue"], 5);
  Reply overdue = Get("/api/v1/reviews/overdue");
  ASSERT_EQ(overdue.body["items"].size(), 1u) << overdue.raw;
  EXPECT_EQ(overdue.body["items"][0]["patient_id"], pid_);
  EXPECT_EQ(Get("/api/v1/patients").body["items"][0]["overdue_reviews"], 1);

  const std::string path = base_ + "/regimens/" + std::to_string(rid) + "/reviews";
  // Bad actions are refused and store nothing.
  EXPECT_EQ(Post(path, {{"due", "2026-09-16"}, {"action", "done"}, {"date", "2026-09-20"}})
                .body["error"]["field"],
            "due");
  EXPECT_EQ(Post(path, {{"due", "2026-09-15"}, {"action", "finished"}}).body["error"]["field"],
            "action");
  EXPECT_EQ(Post(path, {{"due", "2026-09-15"}, {"action", "done"}, {"date", "2026-09-21"}})
                .body["error"]["field"],
            "date");  // in the future
  EXPECT_EQ(Post(path, {{"due", "2026-09-15"}, {"action", "cancelled"}}).body["error"]["field"],
            "note");
  EXPECT_EQ(Get(base_ + "/reviews").body["history"].size(), 0u);

  // Done today: the next review counts 28 days from 2026-09-20 -> 10-18.
  Reply done = Post(path, {{"due", "2026-09-15"},
                           {"action", "done"},
                           {"date", "2026-09-20"},
                           {"note", "no grogginess, glucose normal"}});
  ASSERT_EQ(done.status, 201) << done.raw;
  Reply after = Get(base_ + "/reviews");
  EXPECT_EQ(after.body["items"][0]["date"], "2026-10-18");
  EXPECT_EQ(after.body["items"][0]["overdue"], false);
  EXPECT_EQ(after.body["history"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/reviews/overdue").body["items"].size(), 0u);

  // Moved to a later date with a reason.
  Reply moved = Post(path, {{"due", "2026-10-18"},
                            {"action", "moved"},
                            {"date", "2026-10-21"},
                            {"note", "patient away"}});
  ASSERT_EQ(moved.status, 201) << moved.raw;
  EXPECT_EQ(Get(base_ + "/reviews").body["items"][0]["date"], "2026-10-21");
}

// Adherence: 22:00 daily from 09-01; on 09-04 at 08:00 UTC three doses were
// due (09-01, 02, 03); two were taken -> 2 of 3 = 66.7 %, one missed.
TEST_F(FollowupApiTest, AdherenceCountsPlannedTakenAndMissedDoses) {
  const std::int64_t rid = Regimen("1 mg");
  clock_.Set(At("2026-09-04T08:00:00Z"));
  TakeDoses(rid, 1, 2);
  Reply a = Get(base_ + "/adherence?from=2026-09-01T00:00:00Z");
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["total"]["planned"], 3);
  EXPECT_EQ(a.body["total"]["taken"], 2);
  EXPECT_EQ(a.body["total"]["missed"], 1);
  EXPECT_NEAR(a.body["total"]["percent_taken"].get<double>(), 200.0 / 3, 1e-9);
  EXPECT_EQ(a.body["regimens"][0]["regimen_id"], rid);
  EXPECT_EQ(Get(base_ + "/adherence?from=2026-09-05T00:00:00Z").status, 400);  // after `to`
  EXPECT_EQ(Get(base_ + "/adherence?from=yesterday").body["error"]["field"], "from");
}

// protocol.melatonin.insomnia, older_adult ladder (66 years: 0.5, 1, 2 mg):
// ISI 20 at baseline and 19 after the 28-day window (a fall of 1 < 8), every
// dose taken -> one step up, 1 mg -> 2 mg. Approval appends version 2.
TEST_F(FollowupApiTest, AStalledIsiProposesOneStepUpWhichChangesNothingUntilApproved) {
  const std::int64_t rid = StalledOnOneMilligram();

  const std::string regimen = base_ + "/regimens/" + std::to_string(rid);
  Reply p = Post(regimen + "/proposals", json::object());
  ASSERT_EQ(p.status, 201) << p.raw;
  EXPECT_EQ(p.body["action"], "increase") << p.raw;
  EXPECT_EQ(p.body["current_dose"], "1 mg");
  EXPECT_EQ(p.body["dose"], "2 mg");
  EXPECT_EQ(p.body["status"], "pending");
  ASSERT_FALSE(p.body["reasons"].empty());
  EXPECT_NE(p.body["reasons"][0].get<std::string>().find("a fall of 1 point, below the 8"),
            std::string::npos)
      << p.body["reasons"][0];
  EXPECT_EQ(Get(regimen).body["current_version"], 1);  // nothing changed yet
  EXPECT_EQ(Get(base_ + "/proposals").body["items"].size(), 1u);

  const std::string decide =
      base_ + "/proposals/" + std::to_string(p.body["id"].get<int>()) + "/decision";
  EXPECT_EQ(Post(decide, {{"decision", "maybe"}}).body["error"]["field"], "decision");
  EXPECT_EQ(Get(regimen).body["current_version"], 1);

  Reply ok = Post(decide, {{"decision", "approve"}, {"reason", "ISI unchanged after 4 weeks"}});
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["status"], "approved");
  EXPECT_EQ(ok.body["decision"]["by"], "dr.test");
  EXPECT_EQ(ok.body["decision"]["regimen_version"], 2);
  Reply after = Get(regimen);
  EXPECT_EQ(after.body["current_version"], 2);
  EXPECT_EQ(after.body["current"]["dose"]["value"], 2.0);
  EXPECT_EQ(after.body["versions"][0]["dose"]["value"], 1.0);  // version 1 as it was
  // Decided once.
  EXPECT_EQ(Post(decide, {{"decision", "reject"}, {"reason", "changed my mind today"}}).status,
            409);
  // The decision is in the audit log with its reason.
  Reply audit = Get("/api/v1/audit?patient_id=" + std::to_string(pid_) + "&limit=200");
  bool found = false;
  for (const auto& e : audit.body["items"]) {
    if (e["action"] == "titration.approve" &&
        e["detail"].get<std::string>().find("ISI unchanged") != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << audit.raw;
}

// Within the evaluation window the protocol holds; a rejection needs a reason.
// The stalled ISI of the test above, but the patient answered PHQ-9 item 9
// above zero: while that urgent alert is unresolved the proposal holds and
// says why; once a clinician resolves it, the step-up is proposed.
TEST_F(FollowupApiTest, AProposalIsHeldWhileASelfHarmAlertIsOpen) {
  const std::int64_t rid = StalledOnOneMilligram();
  ASSERT_EQ(Post(base_ + "/responses", {{"instrument", "PHQ-9"},
                                        {"observed_at", "2026-09-30T06:30:00Z"},
                                        {"answers", {1, 1, 0, 1, 0, 0, 0, 0, 1}}})
                .status,
            201);

  const std::string regimen = base_ + "/regimens/" + std::to_string(rid);
  Reply held = Post(regimen + "/proposals", json::object());
  ASSERT_EQ(held.status, 201) << held.raw;
  EXPECT_EQ(held.body["action"], "hold") << held.raw;
  EXPECT_EQ(held.body["decided_by"], "urgent_alert") << held.raw;
  EXPECT_EQ(held.body["dose"], "1 mg");
  ASSERT_FALSE(held.body["reasons"].empty());
  EXPECT_NE(held.body["reasons"][0].get<std::string>().find("alert.phq9.item9"), std::string::npos)
      << held.body["reasons"][0];

  const std::optional<json> alert = AlertOf(Get(base_ + "/alerts").body, "alert.phq9.item9");
  ASSERT_TRUE(alert.has_value());
  ASSERT_EQ(Post(base_ + "/alerts/" + std::to_string((*alert)["id"].get<int>()) + "/status",
                 {{"status", "resolved"}, {"note", "seen today; safety plan in place"}})
                .status,
            200);
  Reply after = Post(regimen + "/proposals", json::object());
  ASSERT_EQ(after.status, 201) << after.raw;
  EXPECT_EQ(after.body["action"], "increase") << after.raw;
}

TEST_F(FollowupApiTest, EarlyProposalHoldsAndARejectionNeedsAReason) {
  const std::int64_t rid = Regimen("1 mg");
  ASSERT_EQ(Isi({3, 3, 3, 3, 3, 3, 2}, "2026-09-01T05:00:00Z").status, 201);
  clock_.Set(At("2026-09-10T08:00:00Z"));
  Reply p = Post(base_ + "/regimens/" + std::to_string(rid) + "/proposals", json::object());
  ASSERT_EQ(p.status, 201) << p.raw;
  EXPECT_EQ(p.body["action"], "hold");
  EXPECT_EQ(p.body["decided_by"], "evaluation_window");
  EXPECT_EQ(p.body["evaluate_on"], "2026-09-29");  // 09-01 + 28 days
  const std::string decide =
      base_ + "/proposals/" + std::to_string(p.body["id"].get<int>()) + "/decision";
  Reply short_reason = Post(decide, {{"decision", "reject"}, {"reason", "no"}});
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_EQ(short_reason.body["error"]["field"], "reason");
  Reply rejected = Post(
      decide, {{"decision", "reject"}, {"reason", "patient prefers to stop at the next review"}});
  ASSERT_EQ(rejected.status, 200) << rejected.raw;
  EXPECT_EQ(rejected.body["status"], "rejected");
  EXPECT_EQ(Get(base_ + "/regimens/" + std::to_string(rid)).body["current_version"], 1);
}

// A regimen no protocol covers says which protocols exist.
TEST_F(FollowupApiTest, NoProtocolForTheIndicationIsAClearError) {
  const std::int64_t rid = Regimen("1 mg", "jet lag");
  Reply p = Post(base_ + "/regimens/" + std::to_string(rid) + "/proposals", json::object());
  EXPECT_EQ(p.status, 409) << p.raw;
  EXPECT_NE(p.body["error"]["message"].get<std::string>().find("no titration protocol"),
            std::string::npos);
  EXPECT_EQ(Get(base_ + "/proposals").body["items"].size(), 0u);
}

// Questionnaires as a schedule (knowledge/rules/questionnaires.yaml): melatonin
// for insomnia from 1 September asks for the baseline PHQ-9, GAD-7 and ISI on
// that day; an ISI answered on 1 September makes the next one due on the
// 15th (every 14 days, offered 2 days before); unanswered, it is overdue.
TEST_F(FollowupApiTest, QuestionnairesAreDueFromTheRulesAndMoveOnWhenAnswered) {
  Regimen("1 mg");
  Reply start = Get(base_ + "/questionnaires");
  ASSERT_EQ(start.status, 200) << start.raw;
  EXPECT_EQ(start.body["today"], "2026-09-01");  // 08:00 in Paris
  std::map<std::string, json> by_id;
  for (const auto& q : start.body["items"]) by_id[q["instrument"]] = q;
  ASSERT_EQ(by_id.size(), 3u) << start.raw;
  for (const char* id : {"isi", "phq9", "gad7"}) {
    EXPECT_EQ(by_id[id]["date"], "2026-09-01") << id;
    EXPECT_EQ(by_id[id]["state"], "due") << id;
    EXPECT_EQ(by_id[id]["respondent"], "self") << id;
  }
  EXPECT_EQ(by_id["isi"]["rules"][0]["id"], "questionnaire.isi.insomnia_titration");
  EXPECT_EQ(by_id["isi"]["reason"],
            "Insomnia severity during melatonin titration (melatonin, insomnia)");
  EXPECT_EQ(by_id["phq9"]["opens"], "2026-08-18");  // baseline window: 14 days

  ASSERT_EQ(Isi({{"item1", 2},
                 {"item2", 2},
                 {"item3", 1},
                 {"item4", 2},
                 {"item5", 1},
                 {"item6", 1},
                 {"item7", 2}},
                "2026-09-01T05:30:00Z")
                .status,
            201);
  clock_.Set(At("2026-09-12T08:00:00Z"));
  json isi;
  const Reply before = Get(base_ + "/questionnaires");
  for (const auto& q : before.body["items"]) {
    if (q["instrument"] == "isi") isi = q;
  }
  EXPECT_EQ(isi["date"], "2026-09-15");
  EXPECT_EQ(isi["opens"], "2026-09-13");
  EXPECT_EQ(isi["state"], "upcoming");
  clock_.Set(At("2026-09-18T08:00:00Z"));
  const Reply after = Get(base_ + "/questionnaires");
  for (const auto& q : after.body["items"]) {
    if (q["instrument"] == "isi") isi = q;
  }
  EXPECT_EQ(isi["state"], "overdue");
  EXPECT_EQ(isi["days_overdue"], 3);
}

// A condition the catalogue does not know is a note that says what to record,
// never a silent gap in the schedule.
TEST_F(FollowupApiTest, AnUnknownIndicationIsNamedInTheScheduleNotes) {
  Regimen("1 mg", "sleeplessness of the soul");
  Reply q = Get(base_ + "/questionnaires");
  ASSERT_EQ(q.status, 200) << q.raw;
  ASSERT_EQ(q.body["notes"].size(), 1u) << q.raw;
  EXPECT_NE(q.body["notes"][0].get<std::string>().find("'sleeplessness of the soul'"),
            std::string::npos);
  // The baseline mood check applies to every programme; the ISI needs insomnia.
  for (const auto& item : q.body["items"]) EXPECT_NE(item["instrument"], "isi");
  // No regimen: no questionnaire, and the note says why.
  const std::string other = "/api/v1/patients/" + std::to_string(NewPatient("Ben O."));
  Reply none = Get(other + "/questionnaires");
  EXPECT_EQ(none.body["items"].size(), 0u);
  EXPECT_NE(none.body["notes"][0].get<std::string>().find("no active regimen"), std::string::npos);
}

}  // namespace
}  // namespace pineal::testing
