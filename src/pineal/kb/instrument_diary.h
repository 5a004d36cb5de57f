// The Consensus Sleep Diary as data (knowledge/instruments/sleep_diary.yaml):
// the morning entry's fields, the derived measures with their codes, and the
// disturbed-sleep thresholds the diary engine (monitor/sleep_diary.h) applies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/kb/instrument.h"

namespace pineal::kb {

enum class DiaryFieldKind { kClockTime, kMinutes, kCount, kRating, kText };

struct DiaryField {
  std::string id;  // "into_bed", "sleep_onset_latency", ...
  std::string label;
  DiaryFieldKind kind = DiaryFieldKind::kText;
  bool required = true;
  std::string code;             // observation code when it is stored as is
  std::optional<int> min, max;  // ratings
  std::vector<AnswerAnchor> anchors;
};

struct DiaryMeasure {
  std::string id;  // "total_sleep_time"
  std::string label;
  std::string unit;   // UCUM: "min", "%"
  std::string code;   // local observation code
  std::string loinc;  // empty when none
  std::string formula;
};

// A disturbed-sleep flag: the measure is above (or below) the threshold.
struct DiaryThreshold {
  std::string id;
  std::string measure;  // a DiaryMeasure id
  std::optional<double> above, below;
  std::string label;
};

struct SleepDiaryDef {
  std::string id;  // "sleep-diary"
  std::string code;
  std::string name;
  std::string recall_period;
  std::string licence;
  std::vector<std::string> refs;
  std::vector<DiaryField> fields;
  std::vector<DiaryMeasure> derived;
  std::vector<DiaryThreshold> thresholds;
  int max_time_in_bed_min = 1200;  // data-entry check, not a clinical limit
  std::string source_file;

  const DiaryField* FindField(std::string_view field_id) const;
  const DiaryMeasure* FindMeasure(std::string_view measure_id) const;
};

}  // namespace pineal::kb
