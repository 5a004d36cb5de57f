// Circadian engine benchmark: simulated days per second for each model
// against SciPy's solve_ivp (RK45, rtol 1e-6, atol 1e-9) on the same model,
// parameters and scenario, run in the same process run; plus the latency of a
// full jet-lag plan (search over candidate schedules).
//
// Scenario (circadian.md §7): 250 lux 07:00-23:00, dark otherwise, integrated
// piecewise between light changes from an entrained state. Throughput is wall
// time on whatever else the machine runs; the ratio to SciPy is measured in the
// same run, the plan table also gives CPU time.
// Usage: circadian_bench [--days N] [--scipy-days N] [--no-scipy]
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "circadian_bench_plan.h"
#include "pineal/circadian/entrain.h"
#include "pineal/circadian/simulate.h"
#include "pineal/kb/circadian_params.h"

namespace {

using namespace pineal;
using namespace pineal::circadian;
using Clock = std::chrono::steady_clock;

struct Row {
  std::string id;
  std::string label;
  SimulationOptions options;
  double cpp_days_per_s = 0, cpp_rhs_per_day = 0;
  double scipy_days_per_s = 0, scipy_rhs_per_day = 0;
  StateVector y0{}, cpp_end{};
  std::vector<double> scipy_end;
};

template <class F>
double MedianSeconds(F&& f, int reps) {
  std::vector<double> s;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    f();
    s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
}

Model Load(const kb::CircadianCatalog& c, const std::string& id) {
  const kb::CircadianParameterSet* set = c.FindSet(id);
  if (set == nullptr) std::exit(2);
  auto m =
      MakeModel(set->id, set->title, *ParseModelKind(set->equations), set->Values(), set->refs);
  if (!m.ok()) {
    std::fprintf(stderr, "%s\n", m.status().ToString().c_str());
    std::exit(2);
  }
  return *m;
}

void RunScipy(const kb::CircadianCatalog& c, std::vector<Row>& rows, int days) {
  std::string json = fmt::format("{{\"days\": {}, \"models\": [", days);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].id == rows[i - 1].id) break;  // one SciPy run per model
    const kb::CircadianParameterSet* set = c.FindSet(rows[i].id);
    std::string params;
    for (const auto& [k, v] : set->Values()) {
      params += fmt::format("{}\"{}\": {:.17g}", params.empty() ? "" : ", ", k, v);
    }
    std::string y0;
    for (int j = 0; j < StateDim(*ParseModelKind(set->equations)); ++j) {
      y0 += fmt::format("{}{:.17g}", j ? ", " : "", rows[i].y0[j]);
    }
    json += fmt::format("{}{{\"name\": \"{}\", \"id\": \"{}\", \"params\": {{{}}}, \"y0\": [{}]}}",
                        i ? ", " : "", set->equations, set->id, params, y0);
  }
  json += "]}";
  char path[] = "/tmp/pineal_circadian_bench_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0 || write(fd, json.data(), json.size()) != static_cast<ssize_t>(json.size())) return;
  close(fd);
  const std::string cmd = fmt::format(
      "OPENBLAS_NUM_THREADS=1 /usr/bin/python3 {}/bench/circadian_scipy_baseline.py < {}",
      PINEAL_SOURCE_ROOT, path);
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return;
  char line[4096];
  while (std::fgets(line, sizeof line, p) != nullptr) {
    char id[64];
    int d = 0, used = 0;
    double wall = 0, dps = 0, rpd = 0;
    if (std::sscanf(line, "%63s %d %lf %lf %lf%n", id, &d, &wall, &dps, &rpd, &used) != 5) continue;
    for (Row& r : rows) {
      if (r.id != id || !r.scipy_end.empty()) continue;
      r.scipy_days_per_s = dps;
      r.scipy_rhs_per_day = rpd;
      const char* rest = line + used;
      double v = 0;
      int n = 0;
      while (std::sscanf(rest, "%lf%n", &v, &n) == 1) {
        r.scipy_end.push_back(v);
        rest += n;
      }
    }
  }
  pclose(p);
  unlink(path);
}

}  // namespace

int main(int argc, char** argv) {
  int days = 365, scipy_days = 60;
  bool scipy = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--days" && i + 1 < argc) days = std::atoi(argv[++i]);
    if (a == "--scipy-days" && i + 1 < argc) scipy_days = std::atoi(argv[++i]);
    if (a == "--no-scipy") scipy = false;
  }
  auto catalog = kb::LoadCircadianCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/circadian");
  if (!catalog.ok()) {
    std::fprintf(stderr, "%s\n", catalog.status().ToString().c_str());
    return 2;
  }
  const SleepWakePattern pattern{7.0, 23.0, 250.0, 0.0};
  std::vector<Row> rows;
  for (const char* id : {"fjk1999", "hannay2019", "stowe2025", "stowe2025"}) {
    const Model m = Load(*catalog, id);
    Row row;
    row.id = id;
    row.label = id;
    // The first Stowe row uses SciPy's tolerances on every state; the second
    // the engine default (melatonin compartments to 1e-3 pmol/L).
    if (m.HasMelatonin() && rows.back().id != id) {
      row.options.solver.atol_per_component.assign(6, row.options.solver.atol);
    } else if (m.HasMelatonin()) {
      row.label = "stowe2025*";
    }
    row.y0 = *EntrainedState(m, pattern);
    // The same work for both: SciPy's day count, then a long run for throughput.
    for (int n : {scipy_days, days}) {
      const LightSchedule light = SleepWakeLight(pattern, 0.0, 24.0 * n);
      SimulationResult last;
      const double s =
          MedianSeconds([&] { last = *Simulate(m, row.y0, 0.0, 24.0 * n, light, {}, row.options); },
                        n > 100 ? 5 : 21);
      if (n == scipy_days) row.cpp_end = last.final_state;
      if (n == days) {
        row.cpp_days_per_s = n / s;
        row.cpp_rhs_per_day = static_cast<double>(last.stats.rhs_evals) / n;
      }
    }
    rows.push_back(row);
  }
  if (scipy) RunScipy(*catalog, rows, scipy_days);

  std::printf("Circadian simulation, 250 lux 07-23 / dark, DP5 rtol 1e-6 atol 1e-9, markers on\n");
  std::printf("C++: %d simulated days per run; SciPy solve_ivp RK45: %d days, median of 3\n\n",
              days, scipy_days);
  std::printf("%-11s %14s %10s %14s %10s %9s %12s\n", "model", "C++ days/s", "C++ rhs/d",
              "SciPy days/s", "SciPy rhs/d", "ratio", "max |dy|");
  for (const Row& r : rows) {
    double diff = 0;
    for (size_t j = 0; j < r.scipy_end.size(); ++j) {
      diff = std::max(
          diff, std::abs(r.scipy_end[j] - r.cpp_end[j]) / std::max(1.0, std::abs(r.scipy_end[j])));
    }
    std::printf("%-11s %14.0f %10.0f %14.1f %10.0f %8.0fx %12.2e\n", r.label.c_str(),
                r.cpp_days_per_s, r.cpp_rhs_per_day, r.scipy_days_per_s, r.scipy_rhs_per_day,
                r.scipy_days_per_s > 0 ? r.cpp_days_per_s / r.scipy_days_per_s : 0.0, diff);
  }
  std::printf(
      "(max |dy|: largest relative difference of the end states after %d days;\n"
      " stowe2025*: engine default, melatonin compartments to atol 1e-3 pmol/L,\n"
      " compared with the same SciPy run)\n\n",
      scipy_days);
  return RunPlanBenchmark(*catalog);
}
