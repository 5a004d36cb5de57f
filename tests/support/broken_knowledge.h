// A knowledge directory with one defect (a fixture under tests/data/): lint
// must report it naming the file, the entry (with the entry's line) and the
// problem, and loading the same directory must fail with that problem.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "pineal/core/result.h"
#include "pineal/kb/lint_report.h"

namespace pineal::testing {

struct BrokenEntry {
  std::string dir;
  std::string file;     // file name the error must name
  std::string entry;    // entry the error must name ("" for file-level errors)
  std::string message;  // text the error must contain
};

inline void PrintTo(const BrokenEntry& b, std::ostream* os) { *os << b.dir; }

template <typename Loaded>
void ExpectRejected(const BrokenEntry& b, const kb::LintReport& report,
                    const Result<Loaded>& loaded) {
  ASSERT_FALSE(report.ok()) << "accepted " << b.dir;
  bool found = false;
  for (const auto& issue : report.issues()) {
    if (issue.message.find(b.message) == std::string::npos) continue;
    found = true;
    EXPECT_TRUE(issue.file.ends_with("/" + b.file)) << issue.ToString();
    EXPECT_NE(issue.entry.find(b.entry), std::string::npos) << issue.ToString();
    // Entry-level problems carry the line of the offending entry or field.
    if (!b.entry.empty()) {
      EXPECT_GT(issue.line, 0) << issue.ToString();
    }
  }
  EXPECT_TRUE(found) << "no error containing \"" << b.message << "\" in:\n" << report.ToString();
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(b.message), std::string::npos);
}

}  // namespace pineal::testing
