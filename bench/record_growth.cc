// Whether a check-in slows down as the record grows: 200 dose-event writes
// through PatientRecords::RecordDoseEvent (checks, the write and its audit
// row, then alert evaluation with the shipped rules) on a SQLite store, for a
// patient with 10 prior dose events and for one with 10,000 (one every three
// hours, over about three and a half years), in the same run. The log's sync
// is replaced by a no-op: it costs the same for any record and is measured by
// pineal_store_writes_bench; here it would only hide the part that grows.
// Prints the ratio large/small (1.0 = flat).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "recording_reporter.h"
#include "pineal/app/knowledge.h"
#include "pineal/app/pineal_app.h"
#include "pineal/store/sqlite/sqlite_store.h"

namespace {

using namespace pineal;  // NOLINT: a benchmark program

const Instant kNow = *ParseInstant("2026-11-20T12:00:00Z");

void Check(const Status& st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, st.ToString().c_str());
  std::abort();
}

const app::LoadedKnowledge& Loaded() {
  static const auto* k = [] {
    auto loaded = app::LoadKnowledge(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
    Check(loaded.status(), "knowledge");
    return loaded->release();
  }();
  return *k;
}

struct Record {
  std::unique_ptr<store::SqliteStore> store;
  FixedClock clock{kNow};
  std::unique_ptr<app::PinealApp> app;
  app::Actor clinician;
  PatientId patient;
};

std::filesystem::path Dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("pineal-growth-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

records::DoseEvent Dose(PatientId patient, RegimenId regimen, Instant at) {
  records::DoseEvent e;
  e.patient_id = patient;
  e.regimen_id = regimen;
  e.substance = "melatonin";
  e.taken_at = at;
  e.amount = *Mass::Make(2, "mg");
  e.status = records::DoseStatus::kTaken;
  e.provenance = {at, "patient"};
  return e;
}

std::unique_ptr<Record> MakeRecord(int prior) {
  auto r = std::make_unique<Record>();
  auto s = store::SqliteStore::Open((Dir() / ("r" + std::to_string(prior) + ".db")).string());
  Check(s.status(), "open");
  r->store = std::move(*s);
  Check(r->store->Migrate(), "migrate");
  r->store->SetSyncForTest([](int) { return 0; });
  r->app = std::make_unique<app::PinealApp>(*r->store, r->clock, Loaded().View());
  auto user = r->app->accounts().CreateUser(
      app::Actor{},
      {"dr.bench", "Dr Bench", store::UserRole::kClinician, std::nullopt, "benchmark passphrase"});
  Check(user.status(), "user");
  r->clinician = {user->id, user->username, app::Role::kClinician, std::nullopt, ""};
  records::Patient p;
  p.display_name = "Growth P.";
  p.birth_date = *ParseDate("1970-01-01");
  p.time_zone = "Europe/Berlin";
  auto patient = r->app->patients().CreatePatient(r->clinician, p);
  Check(patient.status(), "patient");
  r->patient = patient->id;
  // A daily melatonin plan, stored directly (the write path under test is
  // the dose event's).
  records::Regimen regimen;
  regimen.patient_id = r->patient;
  regimen.substance = "melatonin";
  records::RegimenVersion v;
  v.version = 1;
  v.start_date = *ParseDate("2023-01-01");
  v.dose = *Mass::Make(2, "mg");
  v.times_of_day = {TimeOfDay{22 * 60}};
  v.formulation = "ir";
  v.reason = "benchmark";
  v.provenance = {kNow, "dr.bench"};
  regimen.versions = {v};
  auto regimen_id = r->store->InsertRegimen(regimen);
  Check(regimen_id.status(), "regimen");
  Check(r->store->InTransaction([&]() -> Status {
    for (int i = prior; i >= 1; --i) {
      PINEAL_RETURN_IF_ERROR(
          r->store->InsertDoseEvent(Dose(r->patient, *regimen_id, kNow - std::chrono::hours(3 * i)))
              .status());
    }
    return Status::Ok();
  }),
        "history");
  return r;
}

Record& Small() {
  static auto r = MakeRecord(10);
  return *r;
}
Record& Large() {
  static auto r = MakeRecord(10000);
  return *r;
}

void Write200(benchmark::State& state, Record& r) {
  for (auto _ : state) {
    for (int i = 0; i < 200; ++i) {
      records::DoseEvent draft;
      draft.substance = "melatonin";
      draft.taken_at = kNow - std::chrono::minutes(30);
      draft.amount = *Mass::Make(2, "mg");
      draft.status = records::DoseStatus::kTaken;
      auto written = r.app->patients().RecordDoseEvent(r.clinician, r.patient, draft);
      Check(written.status(), "write");
    }
  }
}

void BM_Write200With10Prior(benchmark::State& state) { Write200(state, Small()); }
void BM_Write200With10000Prior(benchmark::State& state) { Write200(state, Large()); }
BENCHMARK(BM_Write200With10Prior)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Write200With10000Prior)->Unit(benchmark::kMillisecond)->UseRealTime();

void PrintRatio(const pineal::bench::RecordingReporter& runs) {
  const double small = runs.TimeOf("BM_Write200With10Prior");
  const double large = runs.TimeOf("BM_Write200With10000Prior");
  if (small > 0 && large > 0) {
    std::printf("200 writes: %.1f ms with 10 prior events, %.1f ms with 10,000 = %.2fx\n", small,
                large, large / small);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Small();
  Large();
  pineal::bench::RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  PrintRatio(reporter);
  std::filesystem::remove_all(Dir());
  benchmark::Shutdown();
  return 0;
}
