// Parsers for knowledge/protocols/*.yaml. A SectionReader reads one map of a
// protocol (the protocol itself, or a section such as `taper`) and reports
// problems under the protocol's entry, naming the field by its path
// ("taper.step_days"). Internal to kb/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/protocol.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::protocol_yaml {

// Reference ids defined in the folder's references.yaml.
using KnownRefs = std::set<std::string>;

class SectionReader {
 public:
  // `path` prefixes field names in messages ("" for the protocol itself).
  SectionReader(catalog_yaml::EntryReader& entry, YAML::Node node, std::string path);

  bool is_map() const { return node_.IsMap(); }
  // Sections report under the protocol's entry.
  catalog_yaml::EntryReader& entry() const { return entry_; }
  YAML::Node Child(std::string_view key) const;
  bool Has(std::string_view key) const;
  // "taper.step_days" for key "step_days".
  std::string Field(std::string_view key) const;
  SourceLocation where() const;

  void AllowKeys(std::initializer_list<std::string_view> allowed);
  std::string Text(std::string_view key, bool required = true);
  // Items normalised with kb::NormalizeName when `normalise`.
  std::vector<std::string> TextList(std::string_view key, bool required, bool normalise);
  // A number in [min, max]; reported when missing (if required), not a number
  // or out of range.
  std::optional<double> Number(std::string_view key, bool required, double min, double max);
  std::optional<int> Integer(std::string_view key, bool required, int min, int max);
  // "2.5 mg", "0.1 g": a mass above zero.
  std::optional<Mass> MassValue(std::string_view key, bool required);
  // Strictly ascending masses above zero.
  std::vector<Mass> MassList(std::string_view key, bool required);
  // refs (each defined in `known`), policy, note. Needs refs or `policy: true`
  // unless `refs_required`, which needs refs.
  ProtocolSource Source(const KnownRefs& known, bool refs_required = false);

  void Error(const YAML::Node& at, const std::string& message);
  void Error(const std::string& message) { Error(node_, message); }

 private:
  catalog_yaml::EntryReader& entry_;
  YAML::Node node_;
  std::string path_;
};

// Reads one protocol file's root map into `out` (appended even when broken, so
// that later checks such as duplicate ids still run).
void ParseProtocol(const YAML::Node& root, const std::string& file, LintReport& report,
                   const KnownRefs& known, ProtocolSet& out);

// Sections by kind (protocol_parse_sections.cc). Each reports a missing
// section itself.
void ParseLadderSections(SectionReader& root, const KnownRefs& known, Protocol& p);
void ParseTaperSections(SectionReader& root, const KnownRefs& known, Protocol& p);
void ParseSharedSections(SectionReader& root, const KnownRefs& known, Protocol& p);

}  // namespace pineal::kb::protocol_yaml
