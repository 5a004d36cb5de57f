// Internal to the instrument loader: parses one file of knowledge/instruments/
// into its definition, reporting every problem with file, line and entry.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/instrument.h"
#include "pineal/kb/instrument_diary.h"
#include "pineal/kb/instrument_side_effects.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::instrument_yaml {

std::optional<InstrumentDef> ParseInstrument(const YAML::Node& root, const std::string& file,
                                             LintReport& report);
std::optional<SleepDiaryDef> ParseSleepDiary(const YAML::Node& root, const std::string& file,
                                             LintReport& report);
std::optional<SideEffectList> ParseSideEffects(const YAML::Node& root, const std::string& file,
                                               LintReport& report);

// Shared helpers.
// Lower-case letters, digits, '_', '-' and '.', starting with a letter.
bool IsLowerId(std::string_view id);
// A list of whole numbers under `key` (required), or nullopt (reported).
std::optional<std::vector<int>> IntList(catalog_yaml::EntryReader& r, std::string_view key);
// [{value: 0, label: ...}, ...] under `key` (optional).
std::vector<AnswerAnchor> Anchors(catalog_yaml::EntryReader& r, std::string_view key,
                                  LintReport& report);
// Each element of the list under `key` (missing: empty; not a list: reported).
std::vector<YAML::Node> ListOf(catalog_yaml::EntryReader& r, std::string_view key, bool required);

}  // namespace pineal::kb::instrument_yaml
