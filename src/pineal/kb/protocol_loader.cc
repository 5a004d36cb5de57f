#include "pineal/kb/protocol_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "pineal/core/paths.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/protocol_parse.h"
#include "pineal/kb/rules_parse.h"

namespace pineal::kb {
namespace {

namespace fs = std::filesystem;

// Protocol files: every *.yaml of the folder but references.yaml, by name.
std::vector<std::string> ProtocolFiles(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml" &&
        e.path().filename() != "references.yaml") {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ReadProtocolFile(const std::string& path, const protocol_yaml::KnownRefs& known,
                      LintReport& report, ProtocolSet& out) {
  auto loaded = catalog_yaml::LoadYamlFile(path, report);
  if (!loaded) return;
  const YAML::Node root = *loaded;
  if (!root.IsMap()) {
    report.Error(path, catalog_yaml::LineOf(root), "",
                 "a protocol file must be one map of fields (id, title, kind, ...)");
    return;
  }
  try {
    protocol_yaml::ParseProtocol(root, path, report, known, out);
  } catch (const YAML::Exception& e) {
    report.Error(path, catalog_yaml::LineOf(root), "",
                 std::string("cannot read protocol: ") + e.what());
  }
}

ProtocolSet Read(const std::string& dir, LintReport& report) {
  ProtocolSet out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    report.Error(dir, 0, "", "is not a directory");
    return out;
  }
  const std::string refs_path = dir + "/references.yaml";
  CatalogData refs;
  if (const auto list = rules_yaml::ReadEntryList(refs_path, "references", report)) {
    for (const auto& entry : *list) {
      try {
        catalog_yaml::ParseReference(entry, refs_path, report, refs);
      } catch (const YAML::Exception& e) {
        report.Error(refs_path, catalog_yaml::LineOf(entry), "",
                     std::string("cannot read entry: ") + e.what());
      }
    }
  }
  protocol_yaml::KnownRefs known;
  for (auto& r : refs.references) {
    if (!known.insert(r.id).second) {
      report.Error(r.where.file, r.where.line, "reference '" + r.id + "'",
                   "duplicate reference id");
    }
    out.references.push_back(std::move(r));
  }
  const std::vector<std::string> files = ProtocolFiles(dir);
  if (files.empty()) report.Error(dir, 0, "", "no protocol files (*.yaml besides references.yaml)");
  for (const std::string& path : files) ReadProtocolFile(path, known, report, out);
  return out;
}

}  // namespace

LintReport LintProtocols(const std::string& dir) {
  LintReport report;
  Read(dir, report);
  return report;
}

Result<ProtocolSet> LoadProtocols(const std::string& dir) {
  LintReport report;
  ProtocolSet set = Read(dir, report);
  if (!report.ok()) {
    return Status::InvalidArgument("protocols in " + dir + " have " +
                                   std::to_string(report.error_count()) + " error(s):\n" +
                                   report.ToString());
  }
  return set;
}

Result<ProtocolSet> LoadDefaultProtocols() { return LoadProtocols(KnowledgeDir() + "/protocols"); }

}  // namespace pineal::kb
