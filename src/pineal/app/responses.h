// An instrument response as the patient or clinician gives it: the answers
// by item, scored by the monitoring engine and kept as an observation with
// its total, band, item answers and raised flags.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/instrument.h"
#include "pineal/monitor/instrument_scoring.h"
#include "pineal/monitor/sleep_diary.h"
#include "pineal/records/observation.h"

namespace pineal::app {

struct ResponseDraft {
  std::string instrument;  // id, code or alias: "phq9", "PHQ-9"
  std::vector<monitor::ItemAnswer> answers;
  Instant observed_at{};
  std::optional<ObservationId> corrects;
};

struct RecordedResponse {
  records::Observation observation;
  monitor::InstrumentScore score;
  const kb::InstrumentDef* instrument = nullptr;
};

// `pineal score`: answers as a person writes them ("1,2,0,..." in item order
// or "q1=2,...") scored for `def`, with no store or account.
Result<monitor::InstrumentScore> ScoreStandalone(const kb::InstrumentDef& def,
                                                 std::string_view answers);
// `pineal score sleep-diary`: the measures of one night.
Result<monitor::SleepNight> DeriveNightStandalone(const kb::SleepDiaryDef& def,
                                                  const monitor::SleepDiaryEntry& entry);

}  // namespace pineal::app
