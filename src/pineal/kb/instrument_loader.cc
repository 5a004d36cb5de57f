// Loads knowledge/instruments/: reads each file, then checks what spans files
// (unique ids and codes, every cited reference defined).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "pineal/core/paths.h"
#include "pineal/core/text.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/kb/instrument_parse.h"

namespace pineal::kb {
namespace {

namespace fs = std::filesystem;

void ReadReferences(const std::string& path, LintReport& report, std::vector<Reference>& out) {
  auto root = catalog_yaml::LoadYamlFile(path, report);
  if (!root || root->IsNull()) return;
  YAML::Node list = *root;
  if (root->IsMap()) list = (*root)["references"];
  if (!list.IsSequence()) {
    report.Error(path, catalog_yaml::LineOf(*root), "",
                 "expected a list of references, or a map with the single key 'references'");
    return;
  }
  CatalogData part;
  for (const auto& entry : list) catalog_yaml::ParseReference(entry, path, report, part);
  std::map<std::string, SourceLocation> seen;
  for (auto& ref : part.references) {
    auto [it, inserted] = seen.emplace(ref.id, ref.where);
    if (!inserted) {
      report.Error(
          path, ref.where.line, "reference '" + ref.id + "'",
          "duplicate reference id (first at line " + std::to_string(it->second.line) + ")");
      continue;
    }
    if (ref.journal.empty() && ref.document.empty()) {
      report.Error(path, ref.where.line, "reference '" + ref.id + "'",
                   "needs 'journal' (citation) or 'document'");
    }
    out.push_back(std::move(ref));
  }
}

void CheckRefs(const std::vector<std::string>& cited, const std::set<std::string>& known,
               const std::string& file, const std::string& entry, LintReport& report,
               int line = 0) {
  for (const auto& id : cited) {
    if (!known.contains(id)) {
      report.Error(file, line, entry, "unknown reference '" + id + "' (not in references.yaml)");
    }
  }
}

// Ids, codes and aliases share one case-insensitive namespace: `pineal score X`
// must resolve to exactly one instrument.
void CheckNames(const InstrumentCatalog& c, LintReport& report) {
  std::map<std::string, std::string> owner;  // lower-case name -> "instrument 'x' (file)"
  auto claim = [&](const std::string& name, const std::string& who, const std::string& file,
                   int line) {
    if (name.empty()) return;
    auto [it, inserted] = owner.emplace(AsciiLower(name), who);
    if (!inserted && it->second != who) {
      report.Error(file, line, who, "name '" + name + "' is already used by " + it->second);
    }
  };
  if (c.sleep_diary) {
    const std::string who = "sleep diary '" + c.sleep_diary->id + "'";
    claim(c.sleep_diary->id, who, c.sleep_diary->source_file, 0);
    claim(c.sleep_diary->code, who, c.sleep_diary->source_file, 0);
  }
  for (const auto& def : c.instruments) {
    const std::string who = "instrument '" + def.id + "'";
    if (owner.contains(AsciiLower(def.id)) && owner[AsciiLower(def.id)] == who) {
      report.Error(def.source_file, def.source_line, who,
                   "duplicate instrument id '" + def.id + "'");
      continue;
    }
    claim(def.id, who, def.source_file, def.source_line);
    if (AsciiLower(def.code) != AsciiLower(def.id))
      claim(def.code, who, def.source_file, def.source_line);
    for (const auto& a : def.aliases) claim(a, who, def.source_file, def.source_line);
  }
}

}  // namespace

const InstrumentDef* InstrumentCatalog::Find(std::string_view id_or_code) const {
  const std::string needle = AsciiLower(id_or_code);
  for (const auto& def : instruments) {
    if (AsciiLower(def.id) == needle || AsciiLower(def.code) == needle) return &def;
    for (const auto& a : def.aliases) {
      if (AsciiLower(a) == needle) return &def;
    }
  }
  return nullptr;
}

const Reference* InstrumentCatalog::FindReference(std::string_view id) const {
  for (const auto& r : references) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Result<InstrumentCatalog> LoadInstruments(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("instrument directory " + dir.string() + " is not a directory");
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  LintReport report;
  InstrumentCatalog catalog;
  bool have_refs = false;
  for (const std::string& path : files) {
    const std::string name = fs::path(path).filename().string();
    if (name == "references.yaml") {
      have_refs = true;
      ReadReferences(path, report, catalog.references);
      continue;
    }
    auto root = catalog_yaml::LoadYamlFile(path, report);
    if (!root) continue;
    try {
      if (name == "sleep_diary.yaml") {
        catalog.sleep_diary = instrument_yaml::ParseSleepDiary(*root, path, report);
      } else if (name == "side_effects.yaml") {
        catalog.side_effects = instrument_yaml::ParseSideEffects(*root, path, report);
      } else if (auto def = instrument_yaml::ParseInstrument(*root, path, report)) {
        catalog.instruments.push_back(std::move(*def));
      }
    } catch (const YAML::Exception& e) {
      report.Error(path, 0, "", std::string("cannot read: ") + e.what());
    }
  }
  if (!have_refs) report.Error(dir.string(), 0, "", "no references.yaml in this folder");
  if (catalog.instruments.empty()) report.Error(dir.string(), 0, "", "no instrument files found");
  std::sort(catalog.instruments.begin(), catalog.instruments.end(),
            [](const InstrumentDef& a, const InstrumentDef& b) { return a.id < b.id; });
  CheckNames(catalog, report);
  std::set<std::string> known;
  for (const auto& r : catalog.references) known.insert(r.id);
  for (const auto& def : catalog.instruments) {
    CheckRefs(CitedRefs(def), known, def.source_file, "instrument '" + def.id + "'", report,
              def.source_line);
  }
  if (catalog.sleep_diary) {
    CheckRefs(catalog.sleep_diary->refs, known, catalog.sleep_diary->source_file, "sleep diary",
              report);
  }
  if (catalog.side_effects) {
    const auto& se = *catalog.side_effects;
    CheckRefs(se.grading_refs, known, se.source_file, "grading", report);
    for (const auto& e : se.effects) {
      const std::string entry = "side effect '" + e.id + "'";
      CheckRefs(e.refs, known, se.source_file, entry, report);
      for (const auto& s : e.reported_with) CheckRefs(s.refs, known, se.source_file, entry, report);
    }
  }
  if (!report.ok()) {
    return Status::InvalidArgument("instruments in " + dir.string() + " have " +
                                   std::to_string(report.error_count()) + " error(s):\n" +
                                   report.ToString());
  }
  return catalog;
}

Result<InstrumentCatalog> LoadDefaultInstruments() {
  return LoadInstruments(fs::path(KnowledgeDir()) / "instruments");
}

}  // namespace pineal::kb
