// Problems found while loading or linting the knowledge base. Each names the
// file, the line and the entry, so a reviewer can go straight to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pineal::kb {

struct LintIssue {
  enum class Level { kError, kWarning };
  Level level = Level::kError;
  std::string file;
  int line = 0;       // 1-based; 0 when unknown
  std::string entry;  // "interaction 'ix.melatonin.fluvoxamine'", or empty
  std::string message;

  // "knowledge/interactions.yaml:42: error: interaction 'ix.x': unknown class 'y' ..."
  std::string ToString() const;
};

class LintReport {
 public:
  void Error(std::string file, int line, std::string entry, std::string message);
  void Warning(std::string file, int line, std::string entry, std::string message);
  void Append(const LintReport& other);

  bool ok() const { return error_count() == 0; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<LintIssue>& issues() const { return issues_; }
  // Issues sorted by file and line, one per line.
  std::string ToString() const;
  // True when some issue's text contains `needle` (for tests and tools).
  bool Mentions(std::string_view needle) const;

 private:
  std::vector<LintIssue> issues_;
};

}  // namespace pineal::kb
