// Cross-check values of /work/shared/reference/pk_1cmt_reference.json (copied to
// tests/golden/pk/): a one-compartment oral problem, 3000 ug every 24 h for 30
// doses, three subjects, with values from a 50-digit closed form. Required:
// relative error <= 1e-9 for the closed forms, <= 1e-6 for the ODE solver.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "pineal/pk/dosing.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/grid_subject.h"
#include "pineal/pk/ode_solver.h"
#include "pineal/pk/superposition.h"

namespace pineal::pk {
namespace {

struct RefValue {
  int id;
  double time_h;
  double cp_ug_per_l;
};

struct Reference {
  std::map<int, LinearPkParams> subjects;  // mg, L, h: CL and V apparent, F = 1
  std::vector<DoseEvent> doses;            // amounts in mg
  std::vector<RefValue> values;
};

Reference Load() {
  std::ifstream in(std::string(PINEAL_SOURCE_ROOT) + "/tests/golden/pk/pk_1cmt_reference.json");
  EXPECT_TRUE(in.good());
  const auto j = nlohmann::json::parse(in);
  Reference r;
  for (const auto& s : j["models"]["1cmt"]["subjects"]) {
    LinearPkParams p;
    p.compartments = 1;
    p.cl_l_per_h = s["CL"].get<double>();
    p.v1_l = s["V"].get<double>();
    p.ka_per_h = s["KA"].get<double>();
    r.subjects[s["ID"].get<int>()] = p;
  }
  const double amount_mg = j["dosing"]["amount_ug"].get<double>() / 1000.0;
  for (const auto& t : j["dosing"]["dose_times_h"]) {
    r.doses.push_back({t.get<double>(), amount_mg, Route::kOral, 0.0, true});
  }
  for (const auto& v : j["values"]) {
    r.values.push_back(
        {v["ID"].get<int>(), v["time_h"].get<double>(), v["CP_ug_per_L_full"].get<double>()});
  }
  return r;
}

double ToUgPerL(double mg_per_l) { return mg_per_l * 1000.0; }

TEST(ReferenceValues, FileHasTheDocumentedProblem) {
  const Reference r = Load();
  EXPECT_EQ(r.subjects.size(), 3u);
  EXPECT_EQ(r.doses.size(), 30u);
  EXPECT_EQ(r.values.size(), 24u);
}

TEST(ReferenceValues, ExactSolutionWithin1e9) {
  const Reference r = Load();
  for (const auto& v : r.values) {
    const double c = ToUgPerL(ConcentrationAt(r.subjects.at(v.id), r.doses, v.time_h));
    EXPECT_NEAR(c, v.cp_ug_per_l, 1e-9 * v.cp_ug_per_l) << "ID " << v.id << " t " << v.time_h;
  }
}

TEST(ReferenceValues, TextbookSuperpositionWithin1e9) {
  const Reference r = Load();
  for (const auto& v : r.values) {
    const double c = ToUgPerL(SuperpositionConcentration(r.subjects.at(v.id), r.doses, v.time_h));
    EXPECT_NEAR(c, v.cp_ug_per_l, 1e-9 * v.cp_ug_per_l) << "ID " << v.id << " t " << v.time_h;
  }
}

// The grid marcher keeps the amplitude of each exponential mode; where a new
// dose's rising and falling modes are added to a residual a billion times
// smaller, that residual keeps only an absolute accuracy of a few ulp of the
// amplitudes (about the peak). So: relative 1e-9, or 1e-15 of the peak
// where the value itself is below a millionth of the peak.
TEST(ReferenceValues, GridMarcherWithin1e9OfValueOr1e15OfPeak) {
  const Reference r = Load();
  const GridSpec grid{0.0, 0.25, 2881};  // the benchmark grid
  for (const auto& [id, p] : r.subjects) {
    GridSubject g;
    g.Reset(p, r.doses, 1.0, grid);
    std::vector<double> c(grid.count);
    g.FillNext(c.data(), c.size());
    const double peak = ToUgPerL(*std::max_element(c.begin(), c.end()));
    for (const auto& v : r.values) {
      if (v.id != id) continue;
      const auto i = static_cast<std::size_t>(std::llround(v.time_h / 0.25));
      const double tol = v.cp_ug_per_l > 1e-6 * peak ? 1e-9 * v.cp_ug_per_l : 1e-15 * peak;
      EXPECT_NEAR(ToUgPerL(c[i]), v.cp_ug_per_l, tol) << "ID " << id << " t " << v.time_h;
    }
  }
}

TEST(ReferenceValues, CvodeWithin1e6) {
  const Reference r = Load();
  OdeOptions tight;
  tight.rtol = 1e-11;
  tight.atol_mg = 1e-40;  // pure relative control: values go down to 1e-29 ug/L
  for (const auto& [id, p] : r.subjects) {
    std::vector<double> times;
    std::vector<double> expected;
    for (const auto& v : r.values) {
      if (v.id == id) {
        times.push_back(v.time_h);
        expected.push_back(v.cp_ug_per_l);
      }
    }
    std::vector<std::size_t> order(times.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return times[a] < times[b]; });
    std::vector<double> sorted;
    for (auto i : order) sorted.push_back(times[i]);
    auto sol = SolveOde(OdeModel{p, 0.0, 0.0}, r.doses, sorted, tight);
    ASSERT_TRUE(sol.ok()) << sol.status().ToString();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const double want = expected[order[k]];
      EXPECT_NEAR(ToUgPerL(sol->concentration_mg_per_l[k]), want, 1e-6 * want)
          << "ID " << id << " t " << sorted[k];
    }
  }
}

}  // namespace
}  // namespace pineal::pk
