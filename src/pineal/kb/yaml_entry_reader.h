// Reads one YAML entry with strict checking: known keys only, types as
// expected, every problem reported with file and line instead of thrown.
// Internal to kb/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/entries.h"
#include "pineal/kb/lint_report.h"

namespace pineal::kb::catalog_yaml {

int LineOf(const YAML::Node& node);  // 1-based, 0 if unknown

// Parses a whole file; a missing file, a syntax error (with its line) or an
// unreadable file is reported instead of thrown, and gives nullopt.
std::optional<YAML::Node> LoadYamlFile(const std::string& path, LintReport& report);

class EntryReader {
 public:
  // `kind` names the entry in messages ("interaction").
  EntryReader(const YAML::Node& node, std::string file, std::string_view kind, LintReport& report);

  bool is_map() const { return is_map_; }
  const std::string& id() const { return id_; }
  const std::string& entry() const { return entry_; }
  SourceLocation where() const { return {file_, LineOf(node_)}; }
  SourceLocation WhereOf(const YAML::Node& n) const { return {file_, LineOf(n)}; }
  const std::string& file() const { return file_; }

  // Reports keys not in `allowed` (as errors, or as warnings when `warn_only`).
  void AllowKeys(std::initializer_list<std::string_view> allowed, bool warn_only = false);

  std::string Text(std::string_view key, bool required = true);
  std::vector<std::string> TextList(std::string_view key, bool required = false);
  std::optional<double> Number(std::string_view key);
  std::optional<int> Integer(std::string_view key);
  std::optional<bool> Boolean(std::string_view key);
  YAML::Node Child(std::string_view key) const;

  // Parses an enum value with `parse`; reports the allowed values otherwise.
  template <typename E, typename Parse>
  std::optional<E> Enum(std::string_view key, Parse parse, std::string_view allowed,
                        bool required = true) {
    const std::string text = Text(key, required);
    if (text.empty()) return std::nullopt;
    auto value = parse(text);
    if (!value)
      Error(Child(key),
            "'" + std::string(key) + "' is '" + text + "'; allowed: " + std::string(allowed));
    return value;
  }

  void Error(const YAML::Node& at, const std::string& message);
  void Error(const std::string& message) { Error(node_, message); }

 private:
  YAML::Node node_;
  std::string file_;
  LintReport& report_;
  bool is_map_ = false;
  std::string id_;
  std::string entry_;
};

// Text of a scalar node, or nullopt (reported) when it is not a scalar.
std::optional<std::string> ScalarText(const YAML::Node& n, const std::string& file,
                                      const std::string& entry, std::string_view what,
                                      LintReport& report);

}  // namespace pineal::kb::catalog_yaml
