// PK population benchmark: the problem of bench/pk_numpy_baseline.py (30 daily
// oral doses of 3 mg, concentrations every 15 min over 30 days = 2,881
// outputs per subject, log-normal variability on CL, V and KA), for 10,000
// and 100,000 subjects, one and two compartments, one thread and all cores.
// The NumPy baseline runs in the same run and the ratios are printed.
//
//   matrix     every subject's full curve into an N x 2,881 matrix (what the
//              NumPy script computes)
//   bands      the population pipeline: curves in time blocks, 5/25/50/75/95th
//              percentile bands at every time point and per-subject metrics
//   irregular  matrix, but a real-life history: doses moved by up to +/-3 h,
//              three missed, a lag time with variability (events off the grid)
//
// Flags (besides Google Benchmark's): --numpy=off skips the baseline,
// --max_subjects=N drops larger cases, --python=PATH picks the interpreter.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "pineal/pk/covariates.h"
#include "pineal/pk/grid_subject.h"
#include "pineal/pk/inputs.h"
#include "pineal/pk/population.h"
#include "pineal/pk/rng.h"

namespace pineal::pk {
namespace {

constexpr std::size_t kPoints = 2881;
const GridSpec kGrid{0.0, 0.25, kPoints};

PopulationParams Problem(int compartments) {
  PopulationParams pop;
  LinearPkParams& p = pop.typical;
  p.compartments = compartments;
  p.cl_l_per_h = 1000.0;
  p.v1_l = compartments == 1 ? 1082.0 : 600.0;
  p.q_l_per_h = compartments == 1 ? 0.0 : 300.0;
  p.v2_l = compartments == 1 ? 0.0 : 800.0;
  p.ka_per_h = 2.0;
  pop.omega.cl = std::sqrt(0.14842);
  pop.omega.v1 = std::sqrt(0.0861777);
  pop.omega.ka = std::sqrt(0.2231436);
  return pop;
}

std::vector<DoseEvent> RegularHistory() { return RegularDoses(0.0, 24.0, 30, 3.0); }

std::vector<DoseEvent> IrregularHistory() {
  std::vector<DoseEvent> d = RegularHistory();
  SubjectRng rng(99, 0);
  for (std::size_t i = 1; i < d.size(); ++i) d[i].time_h += 6.0 * (rng.NextOpenUnit() - 0.5);
  for (std::size_t i : {4u, 11u, 23u}) d[i].taken = false;
  return d;
}

// CPU seconds of the whole process: with other work on the machine, the
// outputs per CPU-second show the per-core speed better than wall time.
double ProcessCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

int AllThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

// Fills rows [first, last) of the matrix.
void FillRows(const PopulationParams& pop, const std::vector<InputChange>& shared,
              const std::vector<DoseEvent>& doses, bool use_shared, std::size_t first,
              std::size_t last, double* matrix) {
  GridSubject g;
  for (std::size_t s = first; s < last; ++s) {
    SubjectRng rng(2024, s);
    double scale = 1.0;
    const LinearPkParams p = SampleSubject(pop, rng, scale);
    if (use_shared) {
      g.ResetShared(p, shared, scale, kGrid);
    } else {
      g.Reset(p, doses, scale, kGrid);
    }
    g.FillNext(matrix + s * kPoints, kPoints);
  }
}

void BM_Matrix(benchmark::State& state, int compartments, bool irregular) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const int threads = state.range(1) == 0 ? AllThreads() : static_cast<int>(state.range(1));
  PopulationParams pop = Problem(compartments);
  if (irregular) {
    pop.typical.tlag_h = 0.5;
    pop.omega.tlag = 0.4;
  }
  const std::vector<DoseEvent> doses = irregular ? IrregularHistory() : RegularHistory();
  LinearPkParams base = pop.typical;
  base.tlag_h = 0;
  std::vector<InputChange> shared;
  CompileInputs(base, doses, 1.0, shared);
  const bool use_shared = OrderIndependentOfLag(shared);
  // Allocated and touched once, outside the timing (page faults are not PK).
  std::vector<double> matrix(n * kPoints, 1.0);
  double cpu = 0.0;
  for (auto _ : state) {
    const double c0 = ProcessCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) {
      pool.emplace_back(FillRows, std::cref(pop), std::cref(shared), std::cref(doses), use_shared,
                        n * t / threads, n * (t + 1) / threads, matrix.data());
    }
    FillRows(pop, shared, doses, use_shared, 0, n / threads, matrix.data());
    for (auto& th : pool) th.join();
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpu += ProcessCpuSeconds() - c0;
    benchmark::DoNotOptimize(matrix.data());
  }
  state.counters["outputs_per_cpu_s"] =
      static_cast<double>(n * kPoints) * static_cast<double>(state.iterations()) / cpu;
  double sum = 0;
  for (std::size_t i = 0; i < matrix.size(); i += 997) sum += matrix[i];
  state.counters["subject_outputs_per_s"] = benchmark::Counter(
      static_cast<double>(n * kPoints), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = threads;
  state.counters["checksum"] = sum;
}

void BM_Bands(benchmark::State& state, int compartments) {
  PopulationRequest r;
  r.pop = Problem(compartments);
  r.doses = RegularHistory();
  r.grid = kGrid;
  r.subjects = static_cast<int>(state.range(0));
  r.threads = state.range(1) == 0 ? AllThreads() : static_cast<int>(state.range(1));
  r.seed = 2024;
  r.window_begin = 29 * 96;
  r.probe_points = {29 * 96 + 36};
  double sample = 0, march = 0, pct = 0, cpu = 0;
  for (auto _ : state) {
    const double c0 = ProcessCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto res = SimulatePopulation(r);
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (!res.ok()) {
      state.SkipWithError(res.status().message().c_str());
      return;
    }
    cpu += ProcessCpuSeconds() - c0;
    sample += res->seconds_sample;
    march += res->seconds_march;
    pct += res->seconds_percentiles;
    benchmark::DoNotOptimize(res->bands[2][kPoints - 1]);
  }
  const double total = sample + march + pct;
  state.counters["subject_outputs_per_s"] = benchmark::Counter(
      static_cast<double>(r.subjects) * kPoints, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = r.threads;
  state.counters["outputs_per_cpu_s"] =
      static_cast<double>(r.subjects) * kPoints * static_cast<double>(state.iterations()) / cpu;
  state.counters["pct_sample"] = 100 * sample / total;
  state.counters["pct_march"] = 100 * march / total;
  state.counters["pct_percentiles"] = 100 * pct / total;
}

// Collects each run's rate for the comparison table.
class Collector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      const auto it = run.counters.find("subject_outputs_per_s");
      if (it != run.counters.end()) rates[run.run_name.function_name] = it->second.value;
      const auto cpu = run.counters.find("outputs_per_cpu_s");
      if (cpu != run.counters.end()) cpu_rates[run.run_name.function_name] = cpu->second.value;
    }
  }
  std::map<std::string, double> rates;      // subject-outputs per wall-clock second
  std::map<std::string, double> cpu_rates;  // per CPU-second (all threads)
};

// Runs the NumPy script; returns its subject-outputs per second (0 on failure).
double NumPy(const std::string& python, std::size_t n, const char* model, const char* algo) {
  const std::string cmd = "OPENBLAS_NUM_THREADS=1 " + python + " " + PINEAL_SOURCE_ROOT +
                          "/bench/pk_numpy_baseline.py " + std::to_string(n) + " " + model + " " +
                          algo;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return 0;
  char line[512] = {};
  double rate = 0;
  if (std::fgets(line, sizeof line, pipe) != nullptr) {
    char m[16], a[16];
    long nn = 0;
    double wall = 0;
    if (std::sscanf(line, "%15s %15s %ld %lf %lf", m, a, &nn, &wall, &rate) != 5) rate = 0;
  }
  pclose(pipe);
  return rate;
}

}  // namespace
}  // namespace pineal::pk

int main(int argc, char** argv) {
  using namespace pineal::pk;
  bool numpy = true;
  long max_subjects = 100000;
  std::string python = "/usr/bin/python3";
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--numpy=off") == 0) {
      numpy = false;
    } else if (std::strncmp(argv[i], "--max_subjects=", 15) == 0) {
      max_subjects = std::atol(argv[i] + 15);
    } else if (std::strncmp(argv[i], "--python=", 9) == 0) {
      python = argv[i] + 9;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  std::vector<long> sizes;
  for (long n : {10000L, 100000L}) {
    if (n <= max_subjects) sizes.push_back(n);
  }
  for (int cmt : {1, 2}) {
    const std::string model = std::to_string(cmt) + "cmt";
    for (long n : sizes) {
      for (long threads : {1L, 0L}) {
        const std::string suffix =
            "/" + model + "/" + std::to_string(n) + (threads == 1 ? "/1thread" : "/allthreads");
        benchmark::RegisterBenchmark(("matrix" + suffix).c_str(), BM_Matrix, cmt, false)
            ->Args({n, threads})
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond)
            ->MinTime(1.0);
        benchmark::RegisterBenchmark(("bands" + suffix).c_str(), BM_Bands, cmt)
            ->Args({n, threads})
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond)
            ->MinTime(1.0);
        if (n == sizes.back()) {
          benchmark::RegisterBenchmark(("irregular" + suffix).c_str(), BM_Matrix, cmt, true)
              ->Args({n, threads})
              ->UseManualTime()
              ->Unit(benchmark::kMillisecond)
              ->MinTime(1.0);
        }
      }
    }
  }
  Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector);
  benchmark::Shutdown();
  if (!numpy) return 0;

  // The baseline, in the same run: every (model, N) with both algorithms.
  std::map<std::string, double> numpy_rate;
  for (const char* model : {"1cmt", "2cmt"}) {
    for (long n : sizes) {
      for (const char* algo : {"superpos", "geometric"}) {
        const double rate = NumPy(python, static_cast<std::size_t>(n), model, algo);
        numpy_rate[std::string(model) + "/" + std::to_string(n) + "/" + algo] = rate;
        std::printf("NumPy %s N=%ld %-9s %10.3g subject-outputs/s\n", model, n, algo, rate);
      }
    }
  }
  std::printf(
      "\nSubject-outputs per second (2,881 per subject); NumPy: %s "
      "bench/pk_numpy_baseline.py, one thread, same run\n",
      python.c_str());
  std::printf("%-30s %12s %14s %16s %17s\n", "case", "wall", "per CPU-second", "/ NumPy superpos",
              "/ NumPy geometric");
  for (const auto& [name, rate] : collector.rates) {
    // name: kind/model/N/threads
    const auto first = name.find('/'), second = name.find('/', first + 1),
               third = name.find('/', second + 1);
    const std::string key = name.substr(first + 1, third - first - 1);  // model/N
    const double sp = numpy_rate[key + "/superpos"], geo = numpy_rate[key + "/geometric"];
    std::printf("%-30s %12.3g %14.3g %15.1fx %16.1fx\n", name.c_str(), rate,
                collector.cpu_rates[name], sp > 0 ? rate / sp : 0.0, geo > 0 ? rate / geo : 0.0);
  }
  return 0;
}
