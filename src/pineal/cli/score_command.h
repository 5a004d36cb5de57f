// pineal score: score a monitoring instrument or a sleep-diary night.
//   pineal score INSTRUMENT --answers "1,2,0,3,..." [--format text|json]
//   pineal score INSTRUMENT --answers "item1=2,item9=0"
//   pineal score --list [--format text|json]
//   pineal score sleep-diary --bed 23:10 --tried 23:30 --sol 25 --wake 06:40
//                --up 07:00 --waso 20 [--awakenings 2] [--quality 3]
// INSTRUMENT is an id or observation code, case-insensitive (isi, PHQ-9).
// Errors go to stderr and exit with code 2.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "pineal/core/result.h"

namespace pineal::cli {

void RegisterScoreCommand(CLI::App& root);

struct ScoreOptions {
  std::string instrument;
  std::string answers;
  bool answers_given = false;  // --answers "" (one unanswered item) differs from no --answers
  bool list = false;
  std::string format = "text";
  std::string knowledge_dir;  // empty: KnowledgeDir()
  // Sleep diary.
  std::string bed, tried, wake, up;
  std::optional<int> sol_min, waso_min, awakenings, quality;
};

// The text or JSON the command prints, or the error it reports.
Result<std::string> RunScore(const ScoreOptions& options);

}  // namespace pineal::cli
