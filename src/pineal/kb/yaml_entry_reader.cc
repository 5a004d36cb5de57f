#include "pineal/kb/yaml_entry_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace pineal::kb::catalog_yaml {

int LineOf(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.line >= 0 ? mark.line + 1 : 0;
}

std::optional<YAML::Node> LoadYamlFile(const std::string& path, LintReport& report) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    report.Error(path, 0, "", "cannot open the file");
  } catch (const YAML::ParserException& e) {
    report.Error(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    report.Error(path, 0, "", std::string("cannot read file: ") + e.what());
  }
  return std::nullopt;
}

std::optional<std::string> ScalarText(const YAML::Node& n, const std::string& file,
                                      const std::string& entry, std::string_view what,
                                      LintReport& report) {
  if (!n.IsScalar()) {
    report.Error(file, LineOf(n), entry, std::string(what) + " must be a single value");
    return std::nullopt;
  }
  return n.Scalar();
}

EntryReader::EntryReader(const YAML::Node& node, std::string file, std::string_view kind,
                         LintReport& report)
    : node_(node), file_(std::move(file)), report_(report) {
  is_map_ = node_.IsMap();
  if (!is_map_) {
    entry_ = std::string(kind);
    Error("each " + std::string(kind) + " must be a map of fields");
    return;
  }
  const YAML::Node id = node_["id"];
  if (id.IsDefined() && id.IsScalar()) id_ = id.Scalar();
  entry_ = std::string(kind) + " '" + (id_.empty() ? std::string("?") : id_) + "'";
}

void EntryReader::AllowKeys(std::initializer_list<std::string_view> allowed, bool warn_only) {
  if (!is_map_) return;
  for (const auto& kv : node_) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      const std::string msg = "unknown field '" + key + "' (allowed: " + list + ")";
      if (warn_only) {
        report_.Warning(file_, LineOf(kv.first), entry_, msg);
      } else {
        Error(kv.first, msg);
      }
    }
  }
}

YAML::Node EntryReader::Child(std::string_view key) const {
  if (!is_map_) return YAML::Node();
  return node_[std::string(key)];
}

std::string EntryReader::Text(std::string_view key, bool required) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required && is_map_) Error("missing '" + std::string(key) + "'");
    return {};
  }
  if (!n.IsScalar()) {
    Error(n, "'" + std::string(key) + "' must be text");
    return {};
  }
  if (required && n.Scalar().empty()) Error(n, "'" + std::string(key) + "' is empty");
  return n.Scalar();
}

std::vector<std::string> EntryReader::TextList(std::string_view key, bool required) {
  std::vector<std::string> out;
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required && is_map_) Error("missing '" + std::string(key) + "'");
    return out;
  }
  if (!n.IsSequence()) {
    Error(n, "'" + std::string(key) + "' must be a list, e.g. [a, b]");
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      Error(item, "'" + std::string(key) + "' items must be non-empty text");
      continue;
    }
    out.push_back(item.Scalar());
  }
  if (required && out.empty()) Error(n, "'" + std::string(key) + "' is empty");
  return out;
}

std::optional<double> EntryReader::Number(std::string_view key) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(v)) return v;
  }
  Error(n, "'" + std::string(key) + "' must be a number");
  return std::nullopt;
}

std::optional<int> EntryReader::Integer(std::string_view key) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
  }
  Error(n, "'" + std::string(key) + "' must be a whole number");
  return std::nullopt;
}

std::optional<bool> EntryReader::Boolean(std::string_view key) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  if (n.IsScalar()) {
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
  }
  Error(n, "'" + std::string(key) + "' must be true or false");
  return std::nullopt;
}

void EntryReader::Error(const YAML::Node& at, const std::string& message) {
  const int line = LineOf(at) > 0 ? LineOf(at) : LineOf(node_);
  report_.Error(file_, line, entry_, message);
}

}  // namespace pineal::kb::catalog_yaml
