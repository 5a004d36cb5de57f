// Screening through the API: dangerous regimens are blocked until a clinician
// overrides them with a reason; the override is stored and audited.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

class ScreeningApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    base_ = "/api/v1/patients/" + std::to_string(NewPatient());
  }
  static json Melatonin(const char* dose) {
    return {{"substance", "melatonin"},  {"formulation", "ir"},      {"dose", dose},
            {"times_of_day", {"22:00"}}, {"indication", "insomnia"}, {"start_date", "2026-11-01"}};
  }
  static std::set<std::string> RuleIds(const json& screening) {
    std::set<std::string> ids;
    for (const auto& f : screening["findings"]) ids.insert(f["rule_id"]);
    return ids;
  }
  std::string base_;
};

// A trip eastward (Paris to Tokyo): the plan advances the body clock with
// melatonin on several days.
json TripToTokyo() {
  return {{"to", "Asia/Tokyo"},
          {"depart", "2026-12-01 13:00"},
          {"arrive", "2026-12-02 08:30"},
          {"sleep", "23:00-07:00"},
          {"days", 6}};
}

TEST_F(ScreeningApiTest, APlanThatAddsMelatoninToAFluvoxamineRegimenIsBlockedUntilOverridden) {
  ASSERT_EQ(Post(base_ + "/medications",
                 {{"name", "fluvoxamine"}, {"dose", "100 mg"}, {"schedule", "once daily"}})
                .status,
            201);
  const json before = Snapshot();
  Reply blocked = Post(base_ + "/plans/jetlag", TripToTokyo());
  ASSERT_EQ(blocked.status, 409) << blocked.raw;
  EXPECT_EQ(blocked.body["error"]["code"], "blocked_by_screening");
  EXPECT_TRUE(RuleIds(blocked.body["screening"]).count("ix.melatonin.fluvoxamine"));
  EXPECT_EQ(Get(base_ + "/plans").body["items"].size(), 0u);
  EXPECT_EQ(Snapshot(), before);

  // The same trip without melatonin needs no override.
  json light_only = TripToTokyo();
  light_only["no_melatonin"] = true;
  Reply plain = Post(base_ + "/plans/jetlag", light_only);
  ASSERT_EQ(plain.status, 201) << plain.raw;
  EXPECT_TRUE(plain.body["screening"]["findings"].empty());
  // An override where nothing was screened is a mistake, not a no-op.
  light_only["overrides"] = {{{"finding_key", "ix.melatonin.fluvoxamine"},
                              {"reason", "Fluvoxamine is being tapered this month"}}};
  Reply pointless = Post(base_ + "/plans/jetlag", light_only);
  EXPECT_EQ(pointless.status, 400) << pointless.raw;
  EXPECT_EQ(pointless.body["error"]["field"], "overrides");

  json documented = TripToTokyo();
  documented["overrides"] = {{{"finding_key", "ix.melatonin.fluvoxamine"},
                              {"reason", "Fluvoxamine stopped before the trip; checked"}}};
  Reply saved = Post(base_ + "/plans/jetlag", documented);
  ASSERT_EQ(saved.status, 201) << saved.raw;
  const json& kept = saved.body["screening"];
  EXPECT_TRUE(RuleIds(kept).count("ix.melatonin.fluvoxamine"));
  ASSERT_EQ(kept["overrides"].size(), 1u);
  EXPECT_EQ(kept["overrides"][0]["decided_by"], "dr.test");
  const std::string one = base_ + "/plans/" + std::to_string(saved.body["id"].get<int>());
  EXPECT_EQ(Get(one).body["screening"], kept);
}

TEST_F(ScreeningApiTest, AHardStopOverriddenByOneClinicianStaysPendingUntilASecondCoSigns) {
  // 1000 mg melatonin, the dose popular articles promote: contraindicated.
  Reply blocked = Post(base_ + "/regimens", Melatonin("1000 mg"));
  ASSERT_EQ(blocked.status, 409) << blocked.raw;
  std::vector<json> hard;
  for (const auto& f : blocked.body["screening"]["overrides"]["unresolved"]) {
    if (f["severity"] == "contraindicated") hard.push_back(f);
  }
  ASSERT_FALSE(hard.empty()) << blocked.raw;
  json overridden = Melatonin("1000 mg");
  overridden["overrides"] = json::array();
  for (const auto& f : blocked.body["screening"]["overrides"]["unresolved"]) {
    overridden["overrides"].push_back(
        {{"finding_key", f["key"]}, {"reason", "Research protocol MEL-HD-01, ethics approved"}});
  }
  Reply pending = Post(base_ + "/regimens", overridden);
  ASSERT_EQ(pending.status, 201) << pending.raw;
  EXPECT_EQ(pending.body["status"], "pending");
  EXPECT_EQ(pending.body["versions"][0]["status"], "pending");
  const std::string regimen = base_ + "/regimens/" + std::to_string(pending.body["id"].get<int>());
  // Nothing is scheduled for the patient while it waits.
  Reply adherence = Get(base_ + "/adherence");
  ASSERT_EQ(adherence.status, 200) << adherence.raw;
  EXPECT_EQ(adherence.raw.find("\"expected\":1"), std::string::npos) << adherence.raw;

  // The clinician who overrode it cannot co-sign it.
  const json sign = {{"base_version", 1},
                     {"reason", "Second review: protocol dose, inpatient monitoring"},
                     {"protocol", "MEL-HD-01"}};
  Reply self = Post(regimen + "/cosign", sign);
  EXPECT_EQ(self.status, 403) << self.raw;
  EXPECT_EQ(Get(regimen).body["status"], "pending");

  // A second clinician on the care team co-signs; a short reason is refused first.
  const std::string second = TokenFor("dr.second", store::UserRole::kClinician);
  ASSERT_EQ(Post(base_ + "/care-team", {{"username", "dr.second"}}).status, 201);
  client_->set_bearer_token_auth(second);
  Reply terse = Post(regimen + "/cosign", {{"base_version", 1}, {"reason", "ok"}});
  EXPECT_EQ(terse.status, 400) << terse.raw;
  EXPECT_EQ(terse.body["error"]["field"], "reason");
  Reply unknown = Post(regimen + "/cosign", {{"base_version", 1}, {"reasn", "x"}});
  EXPECT_EQ(unknown.status, 400) << unknown.raw;
  Reply cosigned = Post(regimen + "/cosign", sign);
  client_->set_bearer_token_auth(token_);
  ASSERT_EQ(cosigned.status, 201) << cosigned.raw;
  EXPECT_EQ(cosigned.body["status"], "active");
  const json& v2 = cosigned.body["versions"][1];
  EXPECT_EQ(v2["status"], "active");
  EXPECT_EQ(v2["created_by"], "dr.second");
  ASSERT_EQ(v2["screening"]["cosignatures"].size(), hard.size());
  EXPECT_EQ(v2["screening"]["cosignatures"][0]["signed_by"], "dr.second");
  EXPECT_EQ(v2["screening"]["cosignatures"][0]["protocol"], "MEL-HD-01");
  for (const auto& o : v2["screening"]["overrides"]) EXPECT_EQ(o["decided_by"], "dr.test");
  // Nothing left to co-sign.
  EXPECT_EQ(Post(regimen + "/cosign", {{"base_version", 2}, {"reason", sign["reason"]}}).status,
            409);

  // Both signatures are in the audit log.
  client_->set_bearer_token_auth(TokenFor("admin.test", store::UserRole::kAdmin));
  Reply log = Get("/api/v1/audit?patient_id=" + base_.substr(base_.rfind('/') + 1));
  client_->set_bearer_token_auth(token_);
  std::set<std::string> signers;
  for (const auto& e : log.body["items"]) {
    if (e["action"] == "regimen.create" && e["outcome"] == "ok") signers.insert(e["actor"]);
    if (e["action"] == "regimen.cosign" && e["outcome"] == "ok") signers.insert(e["actor"]);
  }
  EXPECT_EQ(signers, (std::set<std::string>{"dr.test", "dr.second"})) << log.raw;
}

TEST_F(ScreeningApiTest, AStandardDoseInAHealthyAdultPassesQuietly) {
  Reply r = Post(base_ + "/regimens", Melatonin("3 mg"));
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_FALSE(r.body["screening"]["blocking"].get<bool>());
  for (const auto& f : r.body["screening"]["findings"]) {
    EXPECT_TRUE(f["severity"] == "minor" || f["severity"] == "info") << f.dump();
  }
}

TEST_F(ScreeningApiTest,
       MelatoninWithFluvoxamineIsBlockedThenOverriddenWithAReason_ix_melatonin_fluvoxamine) {
  ASSERT_EQ(Post(base_ + "/medications",
                 {{"name", "Luvox"}, {"dose", "100 mg"}, {"schedule", "once daily"}})
                .status,
            201);
  const json before = Snapshot();
  Reply blocked = Post(base_ + "/regimens", Melatonin("5 mg"));
  ASSERT_EQ(blocked.status, 409) << blocked.raw;
  EXPECT_EQ(blocked.body["error"]["code"], "blocked_by_screening");
  EXPECT_EQ(blocked.body["error"]["field"], "overrides");
  EXPECT_TRUE(RuleIds(blocked.body["screening"]).count("ix.melatonin.fluvoxamine"));
  const auto& unresolved = blocked.body["screening"]["overrides"]["unresolved"];
  ASSERT_EQ(unresolved.size(), 1u);
  const std::string key = unresolved[0]["key"];
  EXPECT_FALSE(blocked.body["screening"]["references"].empty());
  EXPECT_EQ(Snapshot(), before);

  json weak = Melatonin("5 mg");
  weak["overrides"] = {{{"finding_key", key}, {"reason", "ok"}}};
  Reply too_short = Post(base_ + "/regimens", weak);
  EXPECT_EQ(too_short.status, 400) << too_short.raw;
  EXPECT_EQ(too_short.body["error"]["field"], "overrides[0].reason");
  EXPECT_EQ(Snapshot(), before);

  json documented = Melatonin("5 mg");
  documented["overrides"] = {
      {{"finding_key", key}, {"reason", "Fluvoxamine is being tapered; 0.5 mg trial agreed"}}};
  Reply accepted = Post(base_ + "/regimens", documented);
  ASSERT_EQ(accepted.status, 201) << accepted.raw;
  const json& stored = accepted.body["versions"][0]["screening"];
  ASSERT_EQ(stored["overrides"].size(), 1u);
  EXPECT_EQ(stored["overrides"][0]["finding_key"], key);
  EXPECT_EQ(stored["overrides"][0]["decided_by"], "dr.test");
  EXPECT_EQ(stored["overrides"][0]["reason"], "Fluvoxamine is being tapered; 0.5 mg trial agreed");
  EXPECT_TRUE(RuleIds(stored).count("ix.melatonin.fluvoxamine"));

  // The override is in the audit log with its reason.
  const std::string admin = TokenFor("admin.test", store::UserRole::kAdmin);
  client_->set_bearer_token_auth(admin);
  Reply log = Get("/api/v1/audit?actor=dr.test");
  client_->set_bearer_token_auth(token_);
  bool found = false;
  for (const auto& e : log.body["items"]) {
    if (e["action"] == "regimen.create" && e["outcome"] == "ok" &&
        e["detail"].get<std::string>().find("tapered") != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << log.raw;
}

TEST_F(ScreeningApiTest, ANewVersionIsScreenedAgain_band_melatonin_older_adult_per_dose) {
  Reply r = Post(base_ + "/regimens", Melatonin("3 mg"));
  ASSERT_EQ(r.status, 201);
  const std::string path = base_ + "/regimens/" + std::to_string(r.body["id"].get<int>());
  Reply raised = Post(path + "/versions", {{"base_version", 1}, {"dose", "20 mg"}});
  ASSERT_EQ(raised.status, 409) << raised.raw;
  EXPECT_TRUE(RuleIds(raised.body["screening"]).count("band.melatonin.older_adult.per_dose"))
      << raised.raw;  // born 1960
  EXPECT_EQ(Get(path).body["current_version"], 1);
  // A titration step to a research-range dose is screened at that dose.
  json stepped = Melatonin("3 mg");
  stepped["titration"] = {{{"after_days", 14}, {"dose", "150 mg"}}};
  Reply step = Post(base_ + "/regimens", stepped);
  EXPECT_EQ(step.status, 409) << step.raw;
}

TEST_F(ScreeningApiTest, ScreeningAProposalStoresNothing) {
  const json before = Snapshot();
  Reply r = Post(base_ + "/screen", Melatonin("150 mg"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_TRUE(r.body["blocking"].get<bool>());
  EXPECT_EQ(r.body["top_severity"], "contraindicated");
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ScreeningApiTest,
       StatelessScreenFlagsKratomWithAnOpioidAndABenzodiazepine_combo_kratom_opioid_depressant) {
  Reply r =
      Post("/api/v1/screen",
           {{"patient", {{"age_years", 41}, {"medications", {"oxycodone 10 mg", "alprazolam"}}}},
            {"regimens",
             {{{"substance", "kratom leaf"},
               {"dose", "3 g"},
               {"content_mg_per_g", 15},
               {"doses_per_day", 3}}}}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["top_severity"], "contraindicated");
  EXPECT_TRUE(RuleIds(r.body).count("combo.kratom_opioid_depressant")) << r.raw;
  Reply bad = Post("/api/v1/screen", {{"patient", {{"age_years", "old"}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["field"], "patient.age_years");
}

// 900 g of melatonin cannot be meant: the stateless screen answers 400 on the
// dose with the reason, never a list of findings.
TEST_F(ScreeningApiTest, AnImplausibleDoseIsAnErrorNotAScreeningResult) {
  Reply r = Post("/api/v1/screen", {{"patient", {{"age_years", 41}}},
                                    {"regimens",
                                     {{{"substance", "melatonin"}, {"dose", "1 mg"}},
                                      {{"substance", "melatonin"}, {"dose", "900 g"}}}}});
  ASSERT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(r.body["error"]["field"], "regimens[1].dose") << r.raw;
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("not a plausible dose"),
            std::string::npos)
      << r.raw;
  EXPECT_FALSE(r.body.contains("findings"));
}

TEST_F(ScreeningApiTest, TheKnowledgeBaseIsBrowsableWithItsEvidence) {
  Reply luvox = Get("/api/v1/kb/substances/Luvox");
  ASSERT_EQ(luvox.status, 200) << luvox.raw;
  EXPECT_EQ(luvox.body["id"], "fluvoxamine");
  Reply list = Get("/api/v1/kb/substances?q=krat");
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.body["items"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/kb/substances/unobtainium").status, 404);
  Reply ref = Get("/api/v1/kb/references/haertter2000");
  ASSERT_EQ(ref.status, 200) << ref.raw;
  EXPECT_EQ(ref.body["year"], 2000);
}

}  // namespace
}  // namespace pineal::testing
