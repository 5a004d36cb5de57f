// Everything knowledge/instruments/ holds, loaded and validated: the scored
// instruments, the sleep diary, the side-effect list and their references.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/entries.h"
#include "pineal/kb/instrument.h"
#include "pineal/kb/instrument_diary.h"
#include "pineal/kb/instrument_side_effects.h"

namespace pineal::kb {

struct InstrumentCatalog {
  std::vector<InstrumentDef> instruments;  // sorted by id
  std::optional<SleepDiaryDef> sleep_diary;
  std::optional<SideEffectList> side_effects;
  std::vector<Reference> references;

  // By id, observation code or alias, case-insensitively ("phq9", "PHQ-9").
  const InstrumentDef* Find(std::string_view id_or_code) const;
  const Reference* FindReference(std::string_view id) const;
};

// Reads `dir`: references.yaml, sleep_diary.yaml and side_effects.yaml when
// present, and every other *.yaml as one instrument. Every problem found is
// reported (file:line: entry: what), in one InvalidArgument status.
Result<InstrumentCatalog> LoadInstruments(const std::filesystem::path& dir);

// LoadInstruments(KnowledgeDir() + "/instruments").
Result<InstrumentCatalog> LoadDefaultInstruments();

}  // namespace pineal::kb
