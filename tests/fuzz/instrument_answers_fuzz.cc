// Fuzzes instrument scoring from user text. The input is an instrument name,
// a newline, then an answers string ("1,2,,0" or "item1=2,9=0"), run through
// ParseAnswers and ScoreInstrument against knowledge/instruments/. The name
// "sleep-diary" instead reads the rest as raw bytes for one diary night (four
// clock times, then SOL, WASO, awakenings and quality as 32-bit integers).
// Every rejection must be a Status with a message; accepted scores must lie
// in the instrument's range and band; nothing may crash, leak or throw.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "pineal/kb/instrument_catalog.h"
#include "pineal/monitor/answers_parse.h"
#include "pineal/monitor/instrument_scoring.h"
#include "pineal/monitor/sleep_diary.h"

namespace {

namespace kb = pineal::kb;
namespace monitor = pineal::monitor;

void Expect(bool condition) {
  if (!condition) __builtin_trap();
}

const kb::InstrumentCatalog& Catalog() {
  static const kb::InstrumentCatalog* catalog = [] {
    auto loaded = kb::LoadDefaultInstruments();
    Expect(loaded.ok() && loaded->sleep_diary.has_value());
    return new kb::InstrumentCatalog(std::move(loaded).value());
  }();
  return *catalog;
}

std::int32_t TakeInt(std::string_view& bytes) {
  std::int32_t v = 0;
  const std::size_t n = bytes.size() < sizeof v ? bytes.size() : sizeof v;
  if (n == 0) return 0;  // an empty view's data() may be null
  std::memcpy(&v, bytes.data(), n);
  bytes.remove_prefix(n);
  return v;
}

void FuzzDiary(std::string_view bytes) {
  monitor::SleepDiaryEntry e;
  // Clock times stay in range here: TimeOfDay is validated where it is parsed.
  for (pineal::TimeOfDay* t : {&e.into_bed, &e.tried_to_sleep, &e.final_awakening, &e.out_of_bed}) {
    const std::int32_t v = TakeInt(bytes);
    t->minutes = static_cast<int>(static_cast<std::uint32_t>(v) % (24 * 60));
  }
  e.sleep_onset_latency_min = TakeInt(bytes);
  e.wake_after_sleep_onset_min = TakeInt(bytes);
  if (!bytes.empty()) e.awakenings = TakeInt(bytes);
  if (!bytes.empty()) e.quality = TakeInt(bytes);
  auto night = monitor::DeriveSleepNight(*Catalog().sleep_diary, e);
  if (!night.ok()) {
    Expect(!night.status().message().empty());
    return;
  }
  Expect(night->time_in_bed_min > 0);
  Expect(night->total_sleep_time_min >= 0 && night->total_sleep_time_min <= night->time_in_bed_min);
  Expect(night->sleep_efficiency_pct >= 0 && night->sleep_efficiency_pct <= 100);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)Catalog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view name = input.substr(0, newline);
  const std::string_view rest =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  if (name == "sleep-diary") {
    FuzzDiary(rest);
    return 0;
  }
  const kb::InstrumentDef* def = Catalog().Find(name);
  if (def == nullptr) return 0;
  auto answers = monitor::ParseAnswers(*def, rest);
  if (!answers.ok()) {
    Expect(!answers.status().message().empty());
    return 0;
  }
  auto score = monitor::ScoreInstrument(*def, *answers);
  if (!score.ok()) {
    Expect(!score.status().message().empty());
    return 0;
  }
  Expect(score->total >= def->min_total && score->total <= def->max_total);
  Expect(score->band.has_value() == !def->bands.empty());
  Expect(score->answered + score->missing == static_cast<int>(def->items.size()));
  return 0;
}
