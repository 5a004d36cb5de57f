// Benchmarks safety::Screen on a patient with 30 current medicines, two
// proposed regimens and four conditions against the full knowledge base, and a
// naive screen of the same patient in the same run: names resolved by a linear
// scan of every substance, class membership found by walking `includes`, and
// every interaction, contraindication and combination slot scanned for every
// pair. The naive screen is checked to find the same interactions and
// contraindications before timing. Prints naive/indexed at the end.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "recording_reporter.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/names.h"
#include "pineal/safety/screen.h"

namespace {

using pineal::kb::Catalog;

const std::string kKnowledge = std::string(PINEAL_SOURCE_ROOT) + "/knowledge";

const Catalog& Cat() {
  static const Catalog* c = [] {
    auto loaded = pineal::kb::LoadCatalog(kKnowledge);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new Catalog(std::move(loaded).value());
  }();
  return *c;
}

pineal::safety::PatientSnapshot Patient() {
  pineal::safety::PatientSnapshot p;
  p.age_years = 58;
  p.weight_kg = 82;
  p.smoker = true;
  p.conditions = {"liver disease", "epilepsy", "type 2 diabetes", "depression"};
  const char* names[] = {
      "Luvox 50 mg",    "oxycodone 10 mg", "Xanax",           "gabapentin 300 mg",
      "Ambien",         "methadone",       "kratom powder",   "metformin",
      "Warfarin",       "aspirin 81 mg",   "Seroquel",        "citalopram",
      "ondansetron",    "tacrolimus",      "Adalat",          "metoprolol succinate",
      "Microgynon",     "omeprazole",      "Tegretol",        "coffee",
      "alcohol",        "Wellbutrin",      "diphenhydramine", "Adderall",
      "naltrexone",     "clarithromycin",  "isoniazid",       "dextromethorphan",
      "St John's wort", "levothyroxine"};
  for (const char* n : names) p.medications.push_back({n, "", "daily", {}, {}, {}});
  return p;
}

std::vector<pineal::safety::ProposedRegimen> Regimens() {
  pineal::safety::ProposedRegimen mel;
  mel.substance = "melatonin";
  mel.formulation = "pr";
  mel.dose = pineal::Mass::FromBase(2);
  mel.indication = "insomnia";
  mel.duration_days = 60;
  pineal::safety::ProposedRegimen kratom;
  kratom.substance = "kratom leaf";
  kratom.dose = pineal::Mass::FromBase(3000);
  kratom.doses_per_day = 2;
  kratom.indication = "pain";
  return {mel, kratom};
}

pineal::Instant Now() { return *pineal::ParseInstant("2026-03-01T08:00:00Z"); }

// ---- the naive baseline
std::optional<std::size_t> NaiveResolve(const Catalog& c, std::string_view name) {
  for (const std::string& candidate : pineal::kb::NameCandidates(name)) {
    for (std::size_t i = 0; i < c.substances().size(); ++i) {
      const auto& s = c.substances()[i];
      if (pineal::kb::NormalizeName(s.id) == candidate ||
          pineal::kb::NormalizeName(s.name) == candidate) {
        return i;
      }
      for (const auto& n : s.synonyms) {
        if (pineal::kb::NormalizeName(n) == candidate) return i;
      }
      for (const auto& n : s.brands) {
        if (pineal::kb::NormalizeName(n) == candidate) return i;
      }
    }
  }
  return std::nullopt;
}

bool NaiveInClass(const Catalog& c, const std::string& member_class, const std::string& target) {
  if (member_class == target) return true;
  for (const auto& cls : c.classes()) {
    if (std::find(cls.includes.begin(), cls.includes.end(), member_class) != cls.includes.end() &&
        NaiveInClass(c, cls.id, target)) {
      return true;
    }
  }
  return false;
}

bool NaiveMatches(const Catalog& c, std::size_t s, const std::string& subject) {
  const auto& sub = c.substances()[s];
  if (sub.id == subject) return true;
  for (const auto& direct : sub.classes) {
    if (NaiveInClass(c, direct, subject)) return true;
  }
  return false;
}

struct NaiveResult {
  std::set<std::string> interactions;       // "<id>|<a>|<b>"
  std::set<std::string> contraindications;  // "<id>|<substance>"
  std::size_t combination_hits = 0;
};

NaiveResult NaiveScreen(const Catalog& c, const pineal::safety::PatientSnapshot& p,
                        const std::vector<pineal::safety::ProposedRegimen>& regimens) {
  std::vector<std::size_t> subs;
  auto add = [&](std::string_view name) {
    if (auto s = NaiveResolve(c, name)) {
      if (std::find(subs.begin(), subs.end(), *s) == subs.end()) subs.push_back(*s);
    }
  };
  for (const auto& r : regimens) add(r.substance);
  for (const auto& m : p.medications) add(m.name);
  if (p.smoker) add("tobacco_smoke");
  std::vector<std::string> conditions;
  for (const auto& text : p.conditions) {
    for (const auto& cond : c.conditions()) {
      bool hit = pineal::kb::NormalizeName(cond.name) == pineal::kb::NormalizeName(text);
      for (const auto& syn : cond.synonyms) {
        hit = hit || pineal::kb::NormalizeName(syn) == pineal::kb::NormalizeName(text);
      }
      if (hit) conditions.push_back(cond.id);
    }
  }
  NaiveResult out;
  for (std::size_t i = 0; i < subs.size(); ++i) {
    for (std::size_t j = i + 1; j < subs.size(); ++j) {
      std::vector<const pineal::kb::Interaction*> found;
      for (const auto& ix : c.interactions()) {
        if ((NaiveMatches(c, subs[i], ix.a) && NaiveMatches(c, subs[j], ix.b)) ||
            (NaiveMatches(c, subs[j], ix.a) && NaiveMatches(c, subs[i], ix.b))) {
          found.push_back(&ix);
        }
      }
      for (const auto* ix : found) {
        const bool superseded = std::any_of(found.begin(), found.end(), [&](const auto* other) {
          return std::find(other->supersedes.begin(), other->supersedes.end(), ix->id) !=
                 other->supersedes.end();
        });
        if (superseded) continue;
        auto a = c.substances()[subs[i]].id;
        auto b = c.substances()[subs[j]].id;
        if (b < a) std::swap(a, b);
        out.interactions.insert(ix->id + "|" + a + "|" + b);
      }
    }
  }
  for (std::size_t s : subs) {
    for (const auto& ci : c.contraindications()) {
      if (NaiveMatches(c, s, ci.subject) &&
          std::find(conditions.begin(), conditions.end(), ci.condition) != conditions.end()) {
        out.contraindications.insert(ci.id + "|" + c.substances()[s].id);
      }
    }
  }
  for (const auto& rule : c.combinations()) {
    for (const auto& slot : rule.slots) {
      for (std::size_t s : subs) {
        for (const auto& id : slot.any_of) out.combination_hits += NaiveMatches(c, s, id) ? 1 : 0;
      }
    }
  }
  return out;
}

// Before timing: both screens must agree on interactions and contraindications.
void CheckAgreement() {
  const auto findings = pineal::safety::Screen(Cat(), Patient(), Regimens(), Now());
  std::set<std::string> indexed_ix, indexed_ci;
  for (const auto& f : findings) {
    if (f.kind == pineal::safety::FindingKind::kInteraction) {
      indexed_ix.insert(f.rule_id + "|" + f.substances.at(0) + "|" + f.substances.at(1));
    } else if (f.kind == pineal::safety::FindingKind::kContraindication) {
      indexed_ci.insert(f.rule_id + "|" + f.substances.at(0));
    }
  }
  const auto naive = NaiveScreen(Cat(), Patient(), Regimens());
  if (naive.interactions != indexed_ix || naive.contraindications != indexed_ci) {
    std::fprintf(stderr,
                 "naive and indexed screens disagree (%zu/%zu interactions, %zu/%zu "
                 "contraindications)\n",
                 naive.interactions.size(), indexed_ix.size(), naive.contraindications.size(),
                 indexed_ci.size());
    std::abort();
  }
  std::printf(
      "patient: 30 medicines (28 known), 2 proposed regimens, 4 conditions; "
      "%zu findings, %zu interactions, %zu contraindications\n",
      findings.size(), indexed_ix.size(), indexed_ci.size());
}

void BM_ScreenIndexed(benchmark::State& state) {
  const auto patient = Patient();
  const auto regimens = Regimens();
  for (auto _ : state) {
    auto findings = pineal::safety::Screen(Cat(), patient, regimens, Now());
    benchmark::DoNotOptimize(findings.data());
  }
}
BENCHMARK(BM_ScreenIndexed)->Unit(benchmark::kMicrosecond);

void BM_ScreenNaiveBaseline(benchmark::State& state) {
  const auto patient = Patient();
  const auto regimens = Regimens();
  for (auto _ : state) {
    auto result = NaiveScreen(Cat(), patient, regimens);
    benchmark::DoNotOptimize(result.interactions.size());
  }
}
BENCHMARK(BM_ScreenNaiveBaseline)->Unit(benchmark::kMicrosecond);

void BM_LoadCatalog(benchmark::State& state) {
  for (auto _ : state) {
    auto c = pineal::kb::LoadCatalog(kKnowledge);
    benchmark::DoNotOptimize(c.ok());
  }
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMillisecond);

void PrintRatio(const pineal::bench::RecordingReporter& runs) {
  const double indexed = runs.TimeOf("BM_ScreenIndexed");
  const double naive = runs.TimeOf("BM_ScreenNaiveBaseline");
  if (indexed > 0 && naive > 0) {
    std::printf("naive baseline / indexed screen = %.1fx (indexed %.1f us per screening)\n",
                naive / indexed, indexed);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  CheckAgreement();
  pineal::bench::RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  PrintRatio(reporter);
  benchmark::Shutdown();
  return 0;
}
