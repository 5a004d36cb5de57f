// Writing a page of 50 dose events (the most read answer, ~13 KB) as JSON:
// straight to text (JsonText, as the API answers it) against the baseline of
// building an nlohmann tree of the same page and dumping it, in the same run.
// Both give the same bytes (checked before timing). Prints the ratio.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "recording_reporter.h"
#include "pineal/json/records_json.h"

namespace {

using pineal::codec::JsonText;

std::vector<pineal::records::DoseEvent> Page() {
  std::vector<pineal::records::DoseEvent> page;
  const pineal::Instant start = *pineal::ParseInstant("2026-10-01T22:00:00Z");
  for (int i = 0; i < 50; ++i) {
    pineal::records::DoseEvent e;
    e.id = pineal::DoseEventId(1000 + i);
    e.patient_id = pineal::PatientId(7);
    e.regimen_id = pineal::RegimenId(3);
    e.substance = "melatonin";
    e.planned_at = start + std::chrono::hours(24 * i);
    e.taken_at = *e.planned_at + std::chrono::minutes(i % 40);
    e.amount = *pineal::Mass::Make(i % 2 == 0 ? 2 : 0.5, "mg");
    e.note = i % 5 == 0 ? "woke at 3, took it \"late\"" : "";
    e.provenance = {*e.taken_at, "patient.ana"};
    page.push_back(e);
  }
  return page;
}

std::string AsTree(const std::vector<pineal::records::DoseEvent>& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : page) items.push_back(pineal::codec::ToJson(e));
  return nlohmann::json{{"items", std::move(items)}, {"next_cursor", nullptr}}.dump();
}

std::string AsText(const std::vector<pineal::records::DoseEvent>& page) {
  JsonText out;
  out.Reserve(64 + page.size() * 320);
  out.BeginObject();
  out.Key("items");
  out.BeginArray();
  for (const auto& e : page) pineal::codec::WriteJson(out, e);
  out.EndArray();
  out.Key("next_cursor");
  out.Null();
  out.EndObject();
  return out.Take();
}

void BM_PageAsText(benchmark::State& state) {
  const auto page = Page();
  for (auto _ : state) benchmark::DoNotOptimize(AsText(page));
  state.SetItemsProcessed(state.iterations());
}
void BM_PageAsTreeBaseline(benchmark::State& state) {
  const auto page = Page();
  for (auto _ : state) benchmark::DoNotOptimize(AsTree(page));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PageAsText);
BENCHMARK(BM_PageAsTreeBaseline);

}  // namespace

int main(int argc, char** argv) {
  const auto page = Page();
  if (AsText(page) != AsTree(page)) {
    std::fprintf(stderr, "the two writers disagree; nothing to compare\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  pineal::bench::RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double text = reporter.RateOf("BM_PageAsText");
  const double tree = reporter.RateOf("BM_PageAsTreeBaseline");
  if (text > 0 && tree > 0) {
    std::printf("a page of 50 dose events (%zu bytes): as text %.0f/s, as a tree %.0f/s = %.1fx\n",
                AsText(page).size(), text, tree, text / tree);
  }
  benchmark::Shutdown();
  return 0;
}
