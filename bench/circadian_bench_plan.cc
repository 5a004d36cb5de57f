#include "circadian_bench_plan.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "pineal/circadian/jetlag_planner.h"

namespace {

using namespace pineal;
using namespace pineal::circadian;

Model Load(const kb::CircadianCatalog& c, const char* id) {
  const kb::CircadianParameterSet* s = c.FindSet(id);
  return *MakeModel(s->id, s->title, *ParseModelKind(s->equations), s->Values(), s->refs);
}

}  // namespace

int RunPlanBenchmark(const kb::CircadianCatalog& c) {
  struct Trip {
    const char* name;
    const char* from;
    const char* to;
    const char* depart;
    const char* arrive;
  };
  const Trip trips[] = {
      {"New York -> Paris", "America/New_York", "Europe/Paris", "2026-12-01T18:00:00-05:00",
       "2026-12-02T07:15:00+01:00"},
      {"Los Angeles -> London", "America/Los_Angeles", "Europe/London", "2026-12-01T16:00:00-08:00",
       "2026-12-02T10:30:00+00:00"},
      {"Paris -> New York", "Europe/Paris", "America/New_York", "2026-12-01T10:00:00+01:00",
       "2026-12-01T12:30:00-05:00"},
  };
  std::printf(
      "Jet-lag plan latency (3 pre-departure days, 12 days after arrival, stowe2025 "
      "+ fjk1999 cross-check), median of 9\n");
  std::printf("%-24s %8s %10s %10s %11s %12s\n", "trip", "threads", "wall ms", "cpu ms",
              "candidates", "days (plan)");
  int rc = 0;
  for (const Trip& t : trips) {
    for (int threads : {1, 2}) {
      JetLagRequest r;
      r.threads = threads;
      r.legs.push_back({t.from, t.to, *ParseInstant(t.depart), *ParseInstant(t.arrive)});
      r.model = Load(c, "stowe2025");
      r.cross_check = Load(c, "fjk1999");
      const auto& l = c.jetlag_limits;
      r.options.limits = {l.min_dose_mg.value,
                          l.max_dose_mg.value,
                          static_cast<int>(l.max_days_per_course.value),
                          {}};
      std::vector<double> ms, cpu_ms;
      Result<JetLagPlan> plan = Status::Internal("not run");
      for (int i = 0; i < 9; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        plan = PlanJetLag(r);
        cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
      }
      if (!plan.ok()) {
        std::fprintf(stderr, "%s\n", plan.status().ToString().c_str());
        rc = 1;
        continue;
      }
      std::sort(ms.begin(), ms.end());
      std::sort(cpu_ms.begin(), cpu_ms.end());
      std::printf("%-24s %8d %10.1f %10.1f %11d %12d\n", t.name, threads, ms[ms.size() / 2],
                  cpu_ms[cpu_ms.size() / 2], plan->candidates_evaluated,
                  plan->days_to_reentrain_with_plan.value_or(-1));
    }
  }
  return rc;
}
