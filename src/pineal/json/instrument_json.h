// JSON for instrument definitions, scores, sleep-diary nights and the
// side-effect list; shared by `pineal score --format json` and the API.
//
// Score: {"instrument", "code", "total", "raw_sum", "prorated", "min", "max",
//         "band": {"id", "label", "severity", "from", "to"} | null,
//         "no_bands_note"?, "flags": [{"id", "item", "value", "level", "message", "refs"}],
//         "subscores": [...], "answered", "missing", "missing_items",
//         "codes": {"total": {"system", "code"}, "panel"?}, "unit": "{score}", "refs"}
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "pineal/core/result.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/monitor/instrument_scoring.h"
#include "pineal/monitor/sleep_diary.h"

namespace pineal::codec {

nlohmann::json CodeToJson(const kb::CodeRef& c);
nlohmann::json AnchorsToJson(const std::vector<kb::AnswerAnchor>& anchors);
nlohmann::json BandToJson(const kb::ScoreBand& b);
nlohmann::json InstrumentCodesToJson(const kb::InstrumentDef& def);
nlohmann::json InstrumentDefToJson(const kb::InstrumentDef& def);
nlohmann::json InstrumentScoreToJson(const monitor::InstrumentScore& s,
                                     const kb::InstrumentDef& def);
nlohmann::json SleepNightToJson(const monitor::SleepNight& n, const kb::SleepDiaryDef& def);
nlohmann::json SideEffectsToJson(const kb::SideEffectList& list);

// "answers": {"item1": 2, "item9": null} by item id, [2, 1, null, ...] in
// form order (null: unanswered), or the text form "2,1,,0".
Result<std::vector<monitor::ItemAnswer>> AnswersFromJson(const kb::InstrumentDef& def,
                                                         const nlohmann::json& answers);

}  // namespace pineal::codec
