// Durable writes per second on the SQLite store, as the API makes them: each
// is a transaction inserting a dose event and its audit row. N writer threads
// (1, 8, 32) share one store in a temporary directory. The store as pineal
// opens it (concurrent transactions batched into one commit, commits sharing
// syncs) is compared in the same run with two baselines on the same workload:
// sync_each_commit without batching (synchronous=FULL: one commit and one
// sync per transaction, made while holding the store's lock), and shared
// syncs without batching (one commit per transaction). Prints writes/s and
// the ratios per N. Then the audit row every read writes: queued (rows of
// concurrent reads share a commit) against each committed alone.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "recording_reporter.h"
#include "pineal/store/sqlite/sqlite_store.h"

namespace {

using pineal::PatientId;
using pineal::store::SqliteStore;

struct Target {
  std::unique_ptr<SqliteStore> store;
  PatientId patient;
};

std::filesystem::path Dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("pineal-store-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

Target Make(const char* name, const pineal::store::SqliteOptions& options) {
  auto s = SqliteStore::Open((Dir() / name).string(), options);
  if (!s.ok() || !(*s)->Migrate().ok()) {
    std::fprintf(stderr, "cannot open the benchmark store in %s\n", Dir().c_str());
    std::abort();
  }
  pineal::records::Patient p;
  p.display_name = "Bench";
  p.birth_date = *pineal::ParseDate("1980-01-01");
  p.time_zone = "Europe/Berlin";
  p.sex = pineal::records::Sex::kFemale;
  p.provenance = {*pineal::ParseInstant("2026-01-01T00:00:00Z"), "bench"};
  auto id = (*s)->InsertPatient(p);
  if (!id.ok()) {
    std::fprintf(stderr, "%s\n", id.status().ToString().c_str());
    std::abort();
  }
  return {std::move(*s), *id};
}

Target& GroupCommit() {
  static Target t = Make("group.db", {});
  return t;
}
Target& SharedSyncsOnly() {
  static Target t = Make("shared_syncs.db", {.batch_transactions = false});
  return t;
}
Target& Baseline() {
  static Target t = Make("baseline.db", {.sync_each_commit = true, .batch_transactions = false});
  return t;
}

void WriteCheckIn(Target& t) {
  const pineal::Instant at = *pineal::ParseInstant("2026-11-20T22:00:00Z");
  pineal::Status st = t.store->InTransaction([&]() -> pineal::Status {
    pineal::records::DoseEvent e;
    e.patient_id = t.patient;
    e.substance = "melatonin";
    e.planned_at = at;
    e.taken_at = at;
    e.amount = *pineal::Mass::Make(2, "mg");
    e.status = pineal::records::DoseStatus::kTaken;
    e.provenance = {at, "patient"};
    PINEAL_RETURN_IF_ERROR(t.store->InsertDoseEvent(e).status());
    pineal::store::AuditEvent a;
    a.at = at;
    a.actor = "patient";
    a.role = "patient";
    a.action = "dose_event.create";
    a.patient_id = t.patient;
    a.outcome = "ok";
    return t.store->AppendAudit(a);
  });
  if (!st.ok()) {
    std::fprintf(stderr, "write failed: %s\n", st.ToString().c_str());
    std::abort();
  }
}

void Run(benchmark::State& state, Target& t) {
  for (auto _ : state) WriteCheckIn(t);
  state.SetItemsProcessed(state.iterations());
}

void BM_GroupCommit(benchmark::State& state) { Run(state, GroupCommit()); }
void BM_SyncEachCommitBaseline(benchmark::State& state) { Run(state, Baseline()); }
void BM_SharedSyncsOnlyBaseline(benchmark::State& state) { Run(state, SharedSyncsOnly()); }
BENCHMARK(BM_SharedSyncsOnlyBaseline)
    ->Threads(1)
    ->Threads(8)
    ->Threads(32)
    ->UseRealTime()
    ->MinTime(2);
BENCHMARK(BM_GroupCommit)->Threads(1)->Threads(8)->Threads(32)->UseRealTime()->MinTime(2);
BENCHMARK(BM_SyncEachCommitBaseline)
    ->Threads(1)
    ->Threads(8)
    ->Threads(32)
    ->UseRealTime()
    ->MinTime(2);

pineal::store::AuditEvent ReadRow(const Target& t) {
  pineal::store::AuditEvent a;
  a.at = *pineal::ParseInstant("2026-11-20T22:00:00Z");
  a.actor = "dr.bench";
  a.role = "clinician";
  a.action = "dose_event.list";
  a.patient_id = t.patient;
  a.outcome = "ok";
  a.record_ids = {"dose_event:1", "dose_event:2"};
  return a;
}

void Check(const pineal::Status& st) {
  if (st.ok()) return;
  std::fprintf(stderr, "audit row failed: %s\n", st.ToString().c_str());
  std::abort();
}

void BM_QueuedAuditRows(benchmark::State& state) {
  Target& t = GroupCommit();
  const auto row = ReadRow(t);
  for (auto _ : state) Check(t.store->AppendAudit(row));
  state.SetItemsProcessed(state.iterations());
}
void BM_AuditRowEachCommittedAloneBaseline(benchmark::State& state) {
  Target& t = SharedSyncsOnly();
  const auto row = ReadRow(t);
  for (auto _ : state) Check(t.store->AppendAudit(row));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueuedAuditRows)->Threads(1)->Threads(8)->Threads(32)->UseRealTime()->MinTime(2);
BENCHMARK(BM_AuditRowEachCommittedAloneBaseline)
    ->Threads(1)
    ->Threads(8)
    ->Threads(32)
    ->UseRealTime()
    ->MinTime(2);

// For 1, 8 and 32 threads: "<threads> <who>: <name> N/s, <baseline_name> M/s = r x".
void PrintRatio(const pineal::bench::RecordingReporter& runs, const char* who, const char* bench,
                const char* name, const char* baseline_bench, const char* baseline_name) {
  for (int threads : {1, 8, 32}) {
    const std::string suffix = "/min_time:2.000/real_time/threads:" + std::to_string(threads);
    const double rate = runs.RateOf(bench + suffix);
    const double baseline = runs.RateOf(baseline_bench + suffix);
    if (rate <= 0 || baseline <= 0) continue;
    std::printf("%2d %s: %s %.0f/s, %s %.0f/s = %.1fx\n", threads, who, name, rate, baseline_name,
                baseline, rate / baseline);
  }
}

void PrintRatios(const pineal::bench::RecordingReporter& runs) {
  PrintRatio(runs, "writers", "BM_GroupCommit", "batched", "BM_SyncEachCommitBaseline",
             "sync each commit");
  PrintRatio(runs, "writers", "BM_GroupCommit", "batched", "BM_SharedSyncsOnlyBaseline",
             "shared syncs only");
  PrintRatio(runs, "readers", "BM_QueuedAuditRows", "audit rows queued",
             "BM_AuditRowEachCommittedAloneBaseline", "each committed alone");
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  GroupCommit();
  SharedSyncsOnly();
  Baseline();
  pineal::bench::RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  PrintRatios(reporter);
  GroupCommit().store.reset();
  SharedSyncsOnly().store.reset();
  Baseline().store.reset();
  std::filesystem::remove_all(Dir());
  benchmark::Shutdown();
  return 0;
}
