// PK through the API: POST /api/v1/simulate and the per-patient prediction
// from the dose log. Curves are checked against the one-compartment oral
// closed form (Gibaldi & Perrier, Pharmacokinetics 2nd ed., eq. 1.18 with a
// lag time) evaluated here from the typical parameters the API reports, so
// the dose times, amounts and units the API assembled are what is tested.
#include <cmath>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

// mg/L -> pg/mL.
constexpr double kPgPerMlPerMgPerL = 1e6;

// Concentration (pg/mL) at `t_h` after one oral dose of `dose_mg`.
double OneCompartmentOral(const json& p, double dose_mg, double t_h) {
  const double ka = p["ka_per_h"], v = p["v1_l"], cl = p["cl_l_per_h"], f = p["f_multiplier"];
  const double k = cl / v, t = t_h - p["tlag_h"].get<double>();
  if (t <= 0) return 0;
  return f * dose_mg * ka / (v * (ka - k)) * (std::exp(-k * t) - std::exp(-ka * t)) *
         kPgPerMlPerMgPerL;
}

// The typical curve's value at the grid point nearest `t_h`, and that point's time.
std::pair<double, double> CurveAt(const json& doc, double t_h) {
  const auto& times = doc["curve"]["time_h"];
  std::size_t best = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (std::abs(times[i].get<double>() - t_h) < std::abs(times[best].get<double>() - t_h)) {
      best = i;
    }
  }
  return {doc["curve"]["typical"][best].get<double>(), times[best].get<double>()};
}

std::string IsoHoursAgo(double hours) {
  const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                 std::chrono::seconds(static_cast<long long>(hours * 3600));
  return FormatInstant(t);
}

TEST(SimulationClosedForm, ReferenceFormulaIsRight) {
  // Hand check of the helper: ka = 2, k = 1 (CL = V = 1), D = 1, F = 1, no lag,
  // t = 1 h: 2 * (e^-1 - e^-2) = 0.465088 mg/L.
  const json p = {{"ka_per_h", 2.0},
                  {"v1_l", 1.0},
                  {"cl_l_per_h", 1.0},
                  {"f_multiplier", 1.0},
                  {"tlag_h", 0.0}};
  EXPECT_NEAR(OneCompartmentOral(p, 1.0, 1.0), 0.465088 * kPgPerMlPerMgPerL, 1.0);
}

TEST_F(ApiTest, SimulateMatchesTheClosedFormOfTheTypicalPatient) {
  Reply r = Post("/api/v1/simulate", {{"substance", "melatonin"},
                                      {"dose", "10 mg"},
                                      {"formulation", "ir"},
                                      {"at", "22:00"},
                                      {"subjects", 0}});
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["concentration_unit"], "pg/mL");
  const json& p = r.body["typical_parameters"];
  ASSERT_EQ(p["compartments"], 1);
  for (double t : {0.5, 1.0, 3.0, 9.0}) {
    auto [c, at] = CurveAt(r.body, t);
    EXPECT_NEAR(c, OneCompartmentOral(p, 10.0, at), 1e-6 * OneCompartmentOral(p, 10.0, at) + 1e-9)
        << "t = " << at;
  }
  EXPECT_EQ(r.body["start_clock"], "22:00");
  EXPECT_FALSE(r.body["metrics"].contains("population"));
}

// Prolonged release: the dose split between two first-order depots, so the
// curve is the closed form of the fast part (ka) plus that of the slow part
// (ka_slow_per_h), with the fraction the response states.
TEST_F(ApiTest, SimulatePrIsTwoSplitFirstOrderInputs) {
  Reply r = Post("/api/v1/simulate", {{"substance", "melatonin"},
                                      {"dose", "2 mg"},
                                      {"formulation", "pr"},
                                      {"at", "22:00"},
                                      {"subjects", 0}});
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["doses"][0]["route"], "oral dual first-order");
  const double fast = r.body["doses"][0]["fast_fraction"];
  const json& p = r.body["typical_parameters"];
  json slow = p;
  slow["ka_per_h"] = p["ka_slow_per_h"];
  for (double t : {0.5, 1.0, 3.0, 9.0}) {
    auto [c, at] = CurveAt(r.body, t);
    const double want =
        OneCompartmentOral(p, 2.0 * fast, at) + OneCompartmentOral(slow, 2.0 * (1 - fast), at);
    EXPECT_NEAR(c, want, 1e-6 * want + 1e-9) << "t = " << at;
  }
}

TEST_F(ApiTest, SimulateReturnsThePopulationBandAndTheSvgPlot) {
  const json body = {{"substance", "kratom"},
                     {"dose", "2 g"},
                     {"content", "15 mg/g"},
                     {"every", "8h"},
                     {"for", "14d"},
                     {"subjects", 100},
                     {"seed", 7},
                     {"patient", {{"age_years", 40}}}};
  Reply r = Post("/api/v1/simulate", body);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["metrics"]["population"]["subjects"], 100);
  const auto& curve = r.body["curve"];
  ASSERT_TRUE(curve.contains("p5") && curve.contains("p95"));
  for (std::size_t i = 0; i < curve["p5"].size(); i += 97) {
    EXPECT_LE(curve["p5"][i].get<double>(), curve["p95"][i].get<double>());
  }
  // 42 doses of 2 g x 15 mg/g = 30 mg mitragynine each.
  EXPECT_EQ(r.body["doses"].size(), 42u);
  EXPECT_DOUBLE_EQ(r.body["analyte_mg_per_mg_dose"].get<double>(), 0.015);

  Reply svg = Send("POST", "/api/v1/simulate?format=svg", body.dump());
  ASSERT_EQ(svg.status, 200) << svg.raw;
  EXPECT_EQ(svg.headers.find("Content-Type")->second, "image/svg+xml");
  EXPECT_NE(svg.raw.find("<svg"), std::string::npos);
  // The same seed gives the same population.
  Reply again = Post("/api/v1/simulate", body);
  EXPECT_EQ(again.body["curve"]["p50"], curve["p50"]);
}

TEST_F(ApiTest, SimulateRejectsBadInputWithTheField) {
  struct Case {
    json body;
    const char* field;
  };
  const Case cases[] = {
      {{{"substance", "melatonin"}}, "dose"},
      {{{"substance", "melatonin"}, {"dose", "3 mL"}}, "dose"},
      {{{"substance", "melatonin"}, {"dose", "3 mg"}, {"at", "25:00"}}, "at"},
      {{{"substance", "melatonin"}, {"dose", "3 mg"}, {"subjects", 5000}}, "subjects"},
      {{{"substance", "melatonin"},
        {"dose", "3 mg"},
        {"every", "24h"},
        {"for", "2d"},
        {"missed", {3}}},
       "missed"},
      {{{"substance", "melatonin"}, {"dose", "3 mg"}, {"missed", "3"}}, "missed"},
      {{{"substance", "melatonin"}, {"dose", "3 mg"}, {"patient", {{"age", 70}}}}, "patient.age"},
      {{{"substance", "melatonin"}, {"dose", "3 mg"}, {"colour", "red"}}, "colour"},
      {{{"substance", "kratom"}, {"dose", "2 g"}, {"content", "15 mg/kg"}}, "content"},
      // Doses no one can mean (entry errors): refused, not simulated.
      {{{"substance", "melatonin"}, {"dose", "1e21 g"}}, "dose"},
      {{{"substance", "kratom"}, {"dose", "75 g"}}, "dose"},
  };
  for (const auto& c : cases) {
    Reply r = Post("/api/v1/simulate", c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << " -> " << r.raw;
    EXPECT_EQ(r.body["error"]["field"], c.field) << r.raw;
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
  }
  Reply unknown = Post("/api/v1/simulate", {{"substance", "aspirin"}, {"dose", "3 mg"}});
  EXPECT_EQ(unknown.status, 400) << unknown.raw;
  EXPECT_NE(unknown.raw.find("no PK model"), std::string::npos) << unknown.raw;
  Reply format = Send("POST", "/api/v1/simulate?format=pdf",
                      json{{"substance", "melatonin"}, {"dose", "3 mg"}}.dump());
  EXPECT_EQ(format.status, 400);
  EXPECT_EQ(format.body["error"]["field"], "format");
}

class PredictionTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    base_ = "/api/v1/patients/" + std::to_string(NewPatient());
  }
  std::string base_;
};

TEST_F(PredictionTest, TheDoseLogIsPlacedOnThePatientsTimeAxis) {
  // Two logged doses, 30 and 6 hours ago; the curve at "now" is the sum of
  // both closed forms (superposition).
  for (double ago : {30.0, 6.0}) {
    Reply r = Post(base_ + "/dose-events", {{"substance", "melatonin"},
                                            {"taken_at", IsoHoursAgo(ago)},
                                            {"amount", "5 mg"},
                                            {"status", "taken"}});
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  ASSERT_EQ(
      Post(base_ + "/dose-events",
           {{"substance", "melatonin"}, {"planned_at", IsoHoursAgo(20)}, {"status", "skipped"}})
          .status,
      201);
  Reply r = Get(base_ + "/prediction?days=2&subjects=0");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["logged_doses"], 2);
  EXPECT_EQ(r.body["time_zone"], "Europe/Paris");
  const double now_h = r.body["now_h"];
  EXPECT_NEAR(now_h, 48.0, 0.01);
  EXPECT_TRUE(r.body["planned_dose_h"].empty());
  const json& p = r.body["typical_parameters"];
  // Born 1960, so 66: the older-adult exposure effect is applied and reported.
  bool age_note = false;
  for (const auto& n : r.body["notes"]) age_note = age_note || n["id"] == "age_65_plus";
  EXPECT_TRUE(age_note) << r.body["notes"].dump();
  for (double after_second : {0.5, 2.0}) {
    auto [c, at] = CurveAt(r.body, now_h - 6.0 + after_second);
    const double second = at - (now_h - 6.0), first = at - (now_h - 30.0);
    const double expected = OneCompartmentOral(p, 5.0, second) + OneCompartmentOral(p, 5.0, first);
    // The dose times are whole seconds; the grid is minutes.
    EXPECT_NEAR(c, expected, 2e-3 * expected) << "t = " << at;
  }
}

TEST_F(PredictionTest, TonightsPlannedDoseIsPartOfTheCurve) {
  ASSERT_EQ(Post(base_ + "/regimens", {{"substance", "melatonin"},
                                       {"formulation", "ir"},
                                       {"dose", "2 mg"},
                                       {"times_of_day", {"00:00", "12:00"}},
                                       {"indication", "insomnia"},
                                       {"start_date", "2026-01-01"}})
                .status,
            201);
  Reply r = Get(base_ + "/prediction?subjects=50");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["logged_doses"], 0);
  // Two planned times a day: in any 24 hours after now there are two.
  ASSERT_EQ(r.body["planned_dose_h"].size(), 2u) << r.raw;
  for (const auto& h : r.body["planned_dose_h"]) {
    EXPECT_GT(h.get<double>(), r.body["now_h"].get<double>());
  }
  EXPECT_TRUE(r.body["curve"].contains("p95"));
}

TEST_F(PredictionTest, NothingToPredictAndBadQueriesAreClear) {
  Reply none = Get(base_ + "/prediction");
  EXPECT_EQ(none.status, 409) << none.raw;
  EXPECT_NE(none.raw.find("nothing to predict"), std::string::npos) << none.raw;
  for (const char* q : {"?days=0", "?days=61", "?days=x", "?subjects=5000", "?wake=7",
                        "?substance=aspirin", "?format=pdf"}) {
    Reply r = Get(base_ + "/prediction" + q);
    EXPECT_EQ(r.status, 400) << q << " -> " << r.raw;
  }
  EXPECT_EQ(Get("/api/v1/patients/999/prediction").status, 404);
}

}  // namespace
}  // namespace pineal::testing

namespace pineal::testing {
namespace {

// POST /api/v1/patients/{id}/simulate takes the covariates from the record:
// the same regimen written with those covariates by hand must give the same
// typical parameters and curve, and the fluvoxamine on the record must show.
TEST_F(ApiTest, APatientsSimulationUsesTheirRecordAsCovariates) {
  // A man under 65 at the reference weight: no covariate but the medicine
  // changes his exposure, so the fluvoxamine effect is not hidden by the cap.
  clock_.Set(*ParseInstant("2026-12-02T12:00:00Z"));
  Reply created = Post("/api/v1/patients", {{"display_name", "Tom B."},
                                            {"birth_date", "1986-02-10"},
                                            {"sex", "male"},
                                            {"weight", "70 kg"},
                                            {"time_zone", "Europe/Paris"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string base = "/api/v1/patients/" + std::to_string(created.body["id"].get<int>());
  ASSERT_EQ(Post(base + "/medications", {{"name", "Luvox"}, {"dose", "50 mg"}}).status, 201);
  const json regimen = {
      {"substance", "melatonin"}, {"dose", "3 mg"}, {"at", "22:00"}, {"subjects", 0}};
  Reply own = Post(base + "/simulate", regimen);
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["title"].get<std::string>().rfind("Tom B.: ", 0), 0u) << own.body["title"];

  // On 2 December 2026 he is 40.
  const int age = 40;
  json by_hand = regimen;
  by_hand["patient"] = {
      {"age_years", age}, {"sex", "male"}, {"weight_kg", 70}, {"comedications", {"fluvoxamine"}}};
  Reply written = Post("/api/v1/simulate", by_hand);
  ASSERT_EQ(written.status, 200) << written.raw;
  EXPECT_EQ(own.body["typical_parameters"], written.body["typical_parameters"]);
  EXPECT_EQ(own.body["curve"]["typical"], written.body["curve"]["typical"]);

  // Without the medicine: the same clearance and volume, and the curve scales
  // with F (a linear model), so Cmax falls by the fluvoxamine multiplier.
  json plain = regimen;
  plain["patient"] = {{"age_years", age}, {"sex", "male"}, {"weight_kg", 70}};
  Reply without = Post("/api/v1/simulate", plain);
  ASSERT_EQ(without.status, 200) << without.raw;
  const json& with_p = own.body["typical_parameters"];
  const json& without_p = without.body["typical_parameters"];
  EXPECT_EQ(with_p["cl_l_per_h"], without_p["cl_l_per_h"]);
  const double f_ratio =
      with_p["f_multiplier"].get<double>() / without_p["f_multiplier"].get<double>();
  EXPECT_GT(f_ratio, 2.0) << "fluvoxamine raises melatonin exposure (melatonin.md)";
  EXPECT_NEAR(own.body["metrics"]["typical"]["cmax"].get<double>() /
                  without.body["metrics"]["typical"]["cmax"].get<double>(),
              f_ratio, 1e-9 * f_ratio);
  bool fluvoxamine = false;
  for (const auto& n : own.body["notes"]) fluvoxamine = fluvoxamine || n["id"] == "fluvoxamine";
  EXPECT_TRUE(fluvoxamine) << own.body["notes"].dump();
}

TEST_F(ApiTest, APatientsSimulationRefusesCovariatesInTheBodyAndUnknownPatients) {
  const std::string base = "/api/v1/patients/" + std::to_string(NewPatient());
  const json before = Snapshot();
  Reply r = Post(base + "/simulate",
                 {{"substance", "melatonin"}, {"dose", "3 mg"}, {"patient", {{"age_years", 30}}}});
  EXPECT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(r.body["error"]["field"], "patient");
  Reply bad = Post(base + "/simulate", {{"substance", "melatonin"}, {"dose", "3 mL"}});
  EXPECT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["error"]["field"], "dose");
  EXPECT_EQ(
      Post("/api/v1/patients/999/simulate", {{"substance", "melatonin"}, {"dose", "3 mg"}}).status,
      404);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace pineal::testing
