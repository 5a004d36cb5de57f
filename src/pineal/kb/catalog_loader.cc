#include "pineal/kb/catalog_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "pineal/core/paths.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/catalog_validate.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb {
namespace {

namespace fs = std::filesystem;
using ParseFn = void (*)(const YAML::Node&, const std::string&, LintReport&, CatalogData&);

struct Section {
  std::string_view name;
  ParseFn parse;
};

constexpr Section kSections[] = {
    {"substances", catalog_yaml::ParseSubstance},
    {"classes", catalog_yaml::ParseClass},
    {"conditions", catalog_yaml::ParseCondition},
    {"contraindications", catalog_yaml::ParseContraindication},
    {"interactions", catalog_yaml::ParseInteraction},
    {"combinations", catalog_yaml::ParseCombination},
    {"dose_bands", catalog_yaml::ParseBandTable},
    {"regimen_rules", catalog_yaml::ParseRegimenRule},
    {"observation_limits", catalog_yaml::ParseObservationLimit},
};

// The entries of a section file: a sequence, or {<section>: sequence}.
void ReadSectionFile(const std::string& path, std::string_view section, ParseFn parse,
                     LintReport& report, CatalogData& out) {
  auto root = catalog_yaml::LoadYamlFile(path, report);
  if (!root || root->IsNull()) return;
  YAML::Node list = *root;
  if (root->IsMap()) {
    if (root->size() != 1 || !(*root)[std::string(section)].IsDefined()) {
      report.Error(path, catalog_yaml::LineOf(*root), "",
                   "expected a list of entries, or a map with the single key '" +
                       std::string(section) + "'");
      return;
    }
    list = (*root)[std::string(section)];
  }
  if (!list.IsSequence()) {
    report.Error(path, catalog_yaml::LineOf(list), "",
                 "'" + std::string(section) + "' must be a list of entries");
    return;
  }
  for (const auto& entry : list) {
    try {
      parse(entry, path, report, out);
    } catch (const YAML::Exception& e) {
      report.Error(path, catalog_yaml::LineOf(entry), "",
                   std::string("cannot read entry: ") + e.what());
    }
  }
}

std::vector<std::string> SortedYamlFiles(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ReferenceFiles(const fs::path& dir) {
  std::vector<std::pair<int, std::string>> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().filename() == "references.yaml") {
      found.emplace_back(it.depth(), it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& [depth, path] : found) out.push_back(std::move(path));
  return out;
}

bool Conflicts(const std::string& a, const std::string& b) {
  return !a.empty() && !b.empty() && a != b;
}

// Merges references with the same id from different files when they describe
// the same document; differing ones stay duplicated for the validator to report.
std::vector<Reference> MergeReferences(std::vector<Reference> refs, LintReport& report) {
  std::vector<Reference> out;
  std::map<std::string, std::size_t> index;
  for (Reference& r : refs) {
    auto it = index.find(r.id);
    if (it == index.end()) {
      index.emplace(r.id, out.size());
      out.push_back(std::move(r));
      continue;
    }
    Reference& first = out[it->second];
    const bool same = first.year == r.year && !Conflicts(first.pmid, r.pmid) &&
                      !Conflicts(first.doi, r.doi) && !Conflicts(first.pmc, r.pmc);
    if (!same) {
      std::string what = first.year != r.year            ? "year"
                         : Conflicts(first.pmid, r.pmid) ? "pmid"
                         : Conflicts(first.doi, r.doi)   ? "doi"
                                                         : "pmc";
      report.Error(r.where.file, r.where.line, "reference '" + r.id + "'",
                   "duplicate reference id with different content (" + what + " differs from " +
                       first.where.file + ":" + std::to_string(first.where.line) + ")");
      continue;
    }
    for (auto [dst, src] : {std::pair{&first.title, &r.title},
                            {&first.pmid, &r.pmid},
                            {&first.doi, &r.doi},
                            {&first.pmc, &r.pmc}}) {
      if (dst->empty()) *dst = *src;
    }
  }
  return out;
}

void ReadKnowledgeDir(const std::string& dir, CatalogData& data, LintReport& report) {
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    report.Error(dir, 0, "", "is not a directory");
    return;
  }
  std::vector<Reference> refs;
  for (const std::string& path : ReferenceFiles(root)) {
    CatalogData part;
    ReadSectionFile(path, "references", catalog_yaml::ParseReference, report, part);
    for (auto& r : part.references) refs.push_back(std::move(r));
  }
  data.references = MergeReferences(std::move(refs), report);
  for (const Section& section : kSections) {
    const fs::path file = root / (std::string(section.name) + ".yaml");
    if (fs::is_regular_file(file, ec)) {
      ReadSectionFile(file.string(), section.name, section.parse, report, data);
    }
    const fs::path folder = root / std::string(section.name);
    if (fs::is_directory(folder, ec)) {
      for (const std::string& path : SortedYamlFiles(folder)) {
        ReadSectionFile(path, section.name, section.parse, report, data);
      }
    }
  }
  if (data.substances.empty()) {
    report.Error(dir, 0, "", "no substances found (expected substances.yaml or substances/*.yaml)");
  }
}

}  // namespace

LintReport LintKnowledgeDir(const std::string& knowledge_dir) {
  CatalogData data;
  LintReport report;
  ReadKnowledgeDir(knowledge_dir, data, report);
  ValidateCatalogData(data, report);
  return report;
}

Result<Catalog> LoadCatalog(const std::string& knowledge_dir) {
  CatalogData data;
  LintReport report;
  ReadKnowledgeDir(knowledge_dir, data, report);
  ValidateCatalogData(data, report);
  if (!report.ok()) {
    return Status::InvalidArgument("knowledge base " + knowledge_dir + " has " +
                                   std::to_string(report.error_count()) + " error(s):\n" +
                                   report.ToString());
  }
  return Catalog::Build(std::move(data));
}

Result<Catalog> LoadDefaultCatalog() { return LoadCatalog(KnowledgeDir()); }

Result<std::vector<Reference>> LoadReferences(const std::string& knowledge_dir) {
  LintReport report;
  std::vector<Reference> refs;
  for (const std::string& path : ReferenceFiles(fs::path(knowledge_dir))) {
    CatalogData part;
    ReadSectionFile(path, "references", catalog_yaml::ParseReference, report, part);
    for (auto& r : part.references) refs.push_back(std::move(r));
  }
  refs = MergeReferences(std::move(refs), report);
  if (!report.ok()) return Status::InvalidArgument(report.ToString());
  return refs;
}

}  // namespace pineal::kb
