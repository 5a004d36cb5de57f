// Monitoring through the API: instrument responses are scored by the
// published rules (scales.md) and kept as observations with their band, item
// answers and flags; bad responses are refused and store nothing.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

class MonitoringApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    base_ = "/api/v1/patients/" + std::to_string(NewPatient());
  }
  std::size_t Observations() { return Get(base_ + "/observations").body["items"].size(); }
  Reply Respond(const json& body) { return Post(base_ + "/responses", body); }
  std::string base_;
};

const json* Component(const json& observation, const std::string& code) {
  for (const auto& c : observation["components"]) {
    if (c["code"] == code) return &c;
  }
  return nullptr;
}

// Kroenke 2001: total 9 is "mild" (5-9); item 9 > 0 needs same-day follow-up
// whatever the total.
TEST_F(MonitoringApiTest, APhq9WithItem9IsMildButRaisesTheUrgentFlag) {
  Reply r = Respond({{"instrument", "PHQ-9"},
                     {"observed_at", "2026-11-20T09:00:00Z"},
                     {"answers", {1, 1, 1, 1, 1, 1, 1, 1, 1}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["score"]["total"], 9);
  EXPECT_EQ(r.body["observation"]["value"], 9);
  EXPECT_EQ(r.body["observation"]["code"], "PHQ-9");
  EXPECT_EQ(r.body["observation"]["interpretation"], "mild");
  ASSERT_EQ(r.body["score"]["flags"].size(), 1u);
  EXPECT_EQ(r.body["score"]["flags"][0]["level"], "urgent");
  const json& o = r.body["observation"];
  ASSERT_NE(Component(o, "item9"), nullptr);
  EXPECT_EQ((*Component(o, "item9"))["value"], 1);
  EXPECT_NE(Component(o, "flag:phq9.item9_self_harm"), nullptr) << o.dump();
  // The stored observation reads back the same.
  Reply list = Get(base_ + "/observations");
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["components"], o["components"]);
}

// An urgent alert left unacknowledged escalates to the whole care team after
// the rule's escalate_after_hours (2 h, a clinic policy default).
TEST_F(MonitoringApiTest, AnUnacknowledgedSelfHarmAlertEscalatesToTheWholeCareTeam) {
  clock_.Set(*ParseInstant("2026-11-20T10:00:00Z"));
  ASSERT_EQ(Respond({{"instrument", "PHQ-9"},
                     {"observed_at", "2026-11-20T09:00:00Z"},
                     {"answers", {0, 0, 0, 0, 0, 0, 0, 0, 1}}})
                .status,
            201);
  Reply fresh = Get(base_ + "/alerts");
  ASSERT_EQ(fresh.status, 200) << fresh.raw;
  const json* alert = nullptr;
  for (const auto& a : fresh.body["items"]) {
    if (a["rule_id"] == "alert.phq9.item9") alert = &a;
  }
  ASSERT_NE(alert, nullptr) << fresh.raw;
  EXPECT_EQ((*alert)["escalation"]["due_at"], "2026-11-20T12:00:00Z");
  EXPECT_FALSE((*alert)["escalation"]["escalated"].get<bool>());
  const int id = (*alert)["id"];

  // Two and a half hours later nobody has acknowledged it: every clinician on
  // the care team sees it escalated, at the top of their inbox.
  clock_.Set(*ParseInstant("2026-11-20T12:30:00Z"));
  const std::string colleague = TokenFor("dr.colleague", store::UserRole::kClinician);
  ASSERT_EQ(Post(base_ + "/care-team", {{"username", "dr.colleague"}}).status, 201);
  client_->set_bearer_token_auth(colleague);
  Reply inbox = Get("/api/v1/alerts");
  client_->set_bearer_token_auth(token_);
  ASSERT_EQ(inbox.status, 200) << inbox.raw;
  ASSERT_FALSE(inbox.body["items"].empty());
  EXPECT_EQ(inbox.body["items"][0]["id"], id);
  EXPECT_TRUE(inbox.body["items"][0]["escalation"]["escalated"].get<bool>());

  // Acknowledged, it no longer escalates.
  Reply ack = Post(base_ + "/alerts/" + std::to_string(id) + "/status",
                   {{"status", "acknowledged"}, {"note", "called the patient"}});
  ASSERT_EQ(ack.status, 200) << ack.raw;
  EXPECT_TRUE(ack.body["escalation"].is_null());
}

// Bastien 2001 band edges: 14 is subthreshold, 15 clinical (moderate).
TEST_F(MonitoringApiTest, IsiAnswersByItemIdAndAsTextGiveThePublishedBands) {
  Reply a = Respond({{"instrument", "isi"},
                     {"observed_at", "2026-11-20T09:00:00Z"},
                     {"answers",
                      {{"item1", 2},
                       {"item2", 2},
                       {"item3", 2},
                       {"item4", 2},
                       {"item5", 2},
                       {"item6", 2},
                       {"item7", 2}}}});
  ASSERT_EQ(a.status, 201) << a.raw;
  EXPECT_EQ(a.body["observation"]["interpretation"], "subthreshold");
  Reply b = Respond({{"instrument", "ISI"},
                     {"observed_at", "2026-11-21T09:00:00Z"},
                     {"answers", "3,2,2,2,2,2,2"}});
  ASSERT_EQ(b.status, 201) << b.raw;
  EXPECT_EQ(b.body["score"]["total"], 15);
  EXPECT_EQ(b.body["observation"]["interpretation"], "clinical_moderate");
}

TEST_F(MonitoringApiTest, BadResponsesAreRefusedAndStoreNothing) {
  struct Case {
    json body;
    const char* field_part;
    const char* message_part;
  };
  const Case cases[] = {
      // Wesson & Ling 2003: resting pulse scores 0, 1, 2 or 4.
      {{{"instrument", "COWS"},
        {"observed_at", "2026-11-20T09:00:00Z"},
        {"answers", {{"resting_pulse", 3}}}},
       "resting_pulse",
       "0, 1, 2, 4"},
      {{{"instrument", "ISI"},
        {"observed_at", "2026-11-20T09:00:00Z"},
        {"answers", {1, 1, 1, 1, 1, 1}}},
       "answers",
       "unanswered"},
      {{{"instrument", "ISI"},
        {"observed_at", "2026-11-20T09:00:00Z"},
        {"answers", {{"item8", 1}}}},
       "item8",
       ""},
      {{{"instrument", "BDI"}, {"observed_at", "2026-11-20T09:00:00Z"}, {"answers", {1}}},
       "instrument",
       "phq9"},
      {{{"instrument", "GAD-7"},
        {"observed_at", "2026-11-20T09:00:00Z"},
        {"answers", {1, 1, 1, 1, 1, 1, 1, 1}}},
       "answers",
       "7 items"},
      {{{"instrument", "GAD-7"},
        {"observed_at", "2026-11-20T09:00:00Z"},
        {"answers", {1, "two", 1, 1, 1, 1, 1}}},
       "answers[1]",
       "whole number"},
      {{{"instrument", "GAD-7"}, {"answers", {1, 1, 1, 1, 1, 1, 1}}}, "observed_at", ""},
      {{{"instrument", "GAD-7"},
        {"observed_at", "2099-01-01T00:00:00Z"},
        {"answers", {1, 1, 1, 1, 1, 1, 1}}},
       "observed_at",
       ""},
  };
  for (const auto& c : cases) {
    Reply r = Respond(c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << " -> " << r.raw;
    const std::string field = r.body["error"].value("field", "");
    const std::string message = r.body["error"].value("message", "");
    EXPECT_NE(field.find(c.field_part), std::string::npos) << r.raw;
    EXPECT_NE(message.find(c.message_part), std::string::npos) << r.raw;
  }
  EXPECT_EQ(Observations(), 0u);
}

TEST_F(MonitoringApiTest, DirectInstrumentScoresAreCheckedAndBanded) {
  Reply bad = Post(base_ + "/observations", {{"kind", "instrument"},
                                             {"code", "ISI"},
                                             {"value", 30},
                                             {"observed_at", "2026-11-20T09:00:00Z"}});
  EXPECT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["error"]["field"], "value");
  Reply ok = Post(base_ + "/observations", {{"kind", "instrument"},
                                            {"code", "ISI"},
                                            {"value", 22},
                                            {"observed_at", "2026-11-20T09:00:00Z"}});
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["interpretation"], "clinical_severe");
}

TEST_F(MonitoringApiTest, ASideEffectCarriesOnsetSubstanceAndWhetherOngoing) {
  const json components = {{{"code", "onset"}, {"text", "2026-11-18"}},
                           {{"code", "suspected_substance"}, {"text", "melatonin"}},
                           {{"code", "ongoing"}, {"value", 1}}};
  Reply r = Post(base_ + "/observations", {{"kind", "side_effect"},
                                           {"code", "headache"},
                                           {"value", 2},
                                           {"observed_at", "2026-11-20T09:00:00Z"},
                                           {"components", components}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["components"].size(), 3u);
  EXPECT_EQ(r.body["components"][1]["text"], "melatonin");
  Reply bad = Post(base_ + "/observations", {{"kind", "side_effect"},
                                             {"code", "headache"},
                                             {"value", 2},
                                             {"observed_at", "2026-11-20T09:00:00Z"},
                                             {"components", {{{"value", 1}}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["field"], "components[0].code");
  EXPECT_EQ(Observations(), 1u);
}

TEST_F(MonitoringApiTest, TheInstrumentsAreBrowsable) {
  Reply list = Get("/api/v1/kb/instruments");
  ASSERT_EQ(list.status, 200);
  std::set<std::string> codes;
  for (const auto& i : list.body["items"]) codes.insert(i["code"]);
  for (const char* c : {"ISI", "KSS", "PAIN-NRS", "COWS", "SOWS", "PHQ-9", "GAD-7"}) {
    EXPECT_TRUE(codes.count(c)) << c;
  }
  EXPECT_EQ(Get("/api/v1/kb/instruments/phq9").body["code"], "PHQ-9");
  EXPECT_EQ(Get("/api/v1/kb/instruments/nothing").status, 404);
  EXPECT_EQ(Get("/api/v1/kb/side-effects").status, 200);
}

}  // namespace
}  // namespace pineal::testing
