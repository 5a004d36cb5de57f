// An instrument response as the patient or clinician gives it: the answers
// by item, scored by the monitoring engine and kept as an observation with
// its total, band, item answers and raised flags.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/kb/instrument.h"
#include "pineal/monitor/instrument_scoring.h"
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

}  // namespace pineal::app
