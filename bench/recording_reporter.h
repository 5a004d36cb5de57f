// A console reporter that also keeps what each benchmark measured, so that a
// benchmark binary can print its ratio against the baseline of the same run.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace pineal::bench {

class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.iterations == 0) continue;
      times_[r.benchmark_name()] = r.GetAdjustedRealTime();
      if (auto it = r.counters.find("items_per_second"); it != r.counters.end()) {
        rates_[r.benchmark_name()] = it->second.value;
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }

  // The mean real time (in the benchmark's unit) of the first benchmark whose
  // name starts with `prefix`; 0 when none ran.
  double TimeOf(const std::string& prefix) const {
    for (const auto& [name, t] : times_) {
      if (name.rfind(prefix, 0) == 0) return t;
    }
    return 0.0;
  }
  // items_per_second of the benchmark named `name`; 0 when it did not run.
  double RateOf(const std::string& name) const {
    auto it = rates_.find(name);
    return it == rates_.end() ? 0.0 : it->second;
  }

 private:
  std::map<std::string, double> times_;
  std::map<std::string, double> rates_;
};

}  // namespace pineal::bench
