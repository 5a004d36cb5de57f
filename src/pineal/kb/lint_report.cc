#include "pineal/kb/lint_report.h"

#include <algorithm>
#include <utility>

namespace pineal::kb {

std::string LintIssue::ToString() const {
  std::string out = file.empty() ? std::string("<knowledge>") : file;
  if (line > 0) out += ":" + std::to_string(line);
  out += level == Level::kError ? ": error: " : ": warning: ";
  if (!entry.empty()) out += entry + ": ";
  out += message;
  return out;
}

void LintReport::Error(std::string file, int line, std::string entry, std::string message) {
  issues_.push_back(
      {LintIssue::Level::kError, std::move(file), line, std::move(entry), std::move(message)});
}

void LintReport::Warning(std::string file, int line, std::string entry, std::string message) {
  issues_.push_back(
      {LintIssue::Level::kWarning, std::move(file), line, std::move(entry), std::move(message)});
}

void LintReport::Append(const LintReport& other) {
  issues_.insert(issues_.end(), other.issues_.begin(), other.issues_.end());
}

std::size_t LintReport::error_count() const {
  return static_cast<std::size_t>(std::count_if(issues_.begin(), issues_.end(), [](const auto& i) {
    return i.level == LintIssue::Level::kError;
  }));
}

std::size_t LintReport::warning_count() const { return issues_.size() - error_count(); }

std::string LintReport::ToString() const {
  std::vector<const LintIssue*> sorted;
  sorted.reserve(issues_.size());
  for (const auto& issue : issues_) sorted.push_back(&issue);
  std::stable_sort(sorted.begin(), sorted.end(), [](const LintIssue* a, const LintIssue* b) {
    if (a->file != b->file) return a->file < b->file;
    return a->line < b->line;
  });
  std::string out;
  for (const LintIssue* issue : sorted) out += issue->ToString() + "\n";
  return out;
}

bool LintReport::Mentions(std::string_view needle) const {
  return std::any_of(issues_.begin(), issues_.end(), [&](const LintIssue& issue) {
    return issue.ToString().find(needle) != std::string::npos;
  });
}

}  // namespace pineal::kb
