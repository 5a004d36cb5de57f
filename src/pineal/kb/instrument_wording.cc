// Merges the clinic's licensed item wording into the instrument catalog.
#include "pineal/kb/instrument_wording.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pineal/kb/lint_report.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb {
namespace {

namespace fs = std::filesystem;
using catalog_yaml::LineOf;

// A key's text; non-scalar keys are reported and give "".
std::string WordingKey(const YAML::Node& key) { return key.IsScalar() ? key.Scalar() : ""; }

std::string KnownIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string ItemIdsOf(const InstrumentDef& def) {
  std::vector<std::string> ids;
  for (const auto& it : def.items) ids.push_back(it.id);
  return KnownIds(ids);
}

struct PendingWording {
  InstrumentItem* item = nullptr;
  std::string text;
};

// Reads `instruments.<id>` (a map of item id -> text) into `out`.
void ReadInstrumentWording(const std::string& path, const std::string& prefix, int key_line,
                           const YAML::Node& items, InstrumentDef& def, LintReport& report,
                           std::vector<PendingWording>& out) {
  if (!items.IsMap() || items.size() == 0) {
    report.Error(path, LineOf(items) > 0 ? LineOf(items) : key_line, prefix,
                 "expected a map of item id to verbatim text (items: " + ItemIdsOf(def) + ")");
    return;
  }
  std::set<std::string> seen;
  for (const auto& kv : items) {
    const std::string item_id = WordingKey(kv.first);
    const std::string key = prefix + "." + item_id;
    const int line = LineOf(kv.first);
    if (item_id.empty()) {
      report.Error(path, line, prefix, "item ids must be plain text");
      continue;
    }
    if (!seen.insert(item_id).second) {
      report.Error(path, line, key, "item '" + item_id + "' is given twice");
      continue;
    }
    InstrumentItem* item = nullptr;
    for (auto& it : def.items) {
      if (it.id == item_id) item = &it;
    }
    if (item == nullptr) {
      report.Error(path, line, key,
                   "unknown item '" + item_id + "' of instrument '" + def.id +
                       "' (items: " + ItemIdsOf(def) + ")");
      continue;
    }
    const YAML::Node& value = kv.second;
    if (value.IsNull()) {
      report.Error(path, line, key, "the text is empty");
      continue;
    }
    if (!value.IsScalar()) {
      report.Error(path, LineOf(value) > 0 ? LineOf(value) : line, key,
                   "the text must be a string");
      continue;
    }
    const std::string text = value.Scalar();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      report.Error(path, LineOf(value), key, "the text is empty");
      continue;
    }
    out.push_back({item, text});
  }
}

}  // namespace

Result<int> MergeInstrumentWording(const fs::path& file, InstrumentCatalog& catalog) {
  const std::string path = file.string();
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Status::NotFound("instrument wording file " + path + " does not exist");
  }
  if (fs::is_directory(file, ec)) {
    return Status::InvalidArgument("instrument wording file " + path + " is a directory");
  }
  LintReport report;
  const std::optional<YAML::Node> root = catalog_yaml::LoadYamlFile(path, report);
  std::vector<PendingWording> pending;
  if (root) {
    if (!root->IsMap()) {
      report.Error(path, LineOf(*root), "",
                   "expected a map with the single key 'instruments' "
                   "({instruments: {<instrument id>: {<item id>: \"text\"}}})");
    } else {
      for (const auto& kv : *root) {
        const std::string key = WordingKey(kv.first);
        if (key != "instruments") {
          report.Error(path, LineOf(kv.first), key,
                       "unknown key '" + key + "' (allowed: instruments)");
        }
      }
      const YAML::Node instruments = (*root)["instruments"];
      if (!instruments.IsDefined()) {
        report.Error(path, LineOf(*root), "", "missing 'instruments'");
      } else if (!instruments.IsMap()) {
        report.Error(path, LineOf(instruments), "instruments",
                     "expected a map of instrument id to {item id: text}");
      } else {
        std::set<std::string> seen;
        for (const auto& kv : instruments) {
          const std::string id = WordingKey(kv.first);
          const std::string key = "instruments." + id;
          const int line = LineOf(kv.first);
          if (id.empty()) {
            report.Error(path, line, "instruments", "instrument ids must be plain text");
            continue;
          }
          if (!seen.insert(id).second) {
            report.Error(path, line, key, "instrument '" + id + "' is given twice");
            continue;
          }
          InstrumentDef* def = nullptr;
          for (auto& d : catalog.instruments) {
            if (d.id == id) def = &d;
          }
          if (def == nullptr) {
            std::vector<std::string> ids;
            for (const auto& d : catalog.instruments) ids.push_back(d.id);
            report.Error(path, line, key,
                         "unknown instrument '" + id + "' (instruments: " + KnownIds(ids) + ")");
            continue;
          }
          ReadInstrumentWording(path, key, line, kv.second, *def, report, pending);
        }
      }
    }
  }
  if (!report.ok()) {
    return Status::InvalidArgument("instrument wording in " + path + " has " +
                                   std::to_string(report.error_count()) + " error(s):\n" +
                                   report.ToString());
  }
  for (auto& p : pending) p.item->wording = std::move(p.text);
  return static_cast<int>(pending.size());
}

}  // namespace pineal::kb
