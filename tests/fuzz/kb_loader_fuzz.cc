// Fuzzes the knowledge-base loaders on arbitrary YAML. The first byte picks
// what the rest is read as ('0'..';' below, other bytes wrap around):
//   '0'..'8'  a catalog section file (references, substances, ... regimen_rules),
//             read the way LoadCatalog reads a file (a list of entries, or a
//             map with the section name as its only key), merged into the real
//             knowledge base, then validated and, when valid, built;
//   '9'       a PK model (ParsePkModel), checked against knowledge/pk references;
//   ':'       a PK references document (ParsePkReferences);
//   ';'       a circadian parameter set (ParseCircadianParameterSet).
// Bytes 12..23 above '0' do the same for sections 0..11 without the real
// knowledge base around them (validation of the fuzzed entries alone).
// Problems must come back as lint errors or Status values, never as a crash,
// an exception other than yaml-cpp's (which the loader catches), a leak or a hang.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/paths.h"
#include "pineal/kb/catalog.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/catalog_validate.h"
#include "pineal/kb/circadian_params.h"
#include "pineal/kb/pk_model_loader.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace {

namespace kb = pineal::kb;
namespace yaml = pineal::kb::catalog_yaml;

using ParseFn = void (*)(const YAML::Node&, const std::string&, kb::LintReport&, kb::CatalogData&);

struct Section {
  const char* name;
  ParseFn parse;
};

constexpr Section kSections[] = {
    {"references", yaml::ParseReference},
    {"substances", yaml::ParseSubstance},
    {"classes", yaml::ParseClass},
    {"conditions", yaml::ParseCondition},
    {"contraindications", yaml::ParseContraindication},
    {"interactions", yaml::ParseInteraction},
    {"combinations", yaml::ParseCombination},
    {"dose_bands", yaml::ParseBandTable},
    {"regimen_rules", yaml::ParseRegimenRule},
};
constexpr unsigned kCatalogSections = sizeof(kSections) / sizeof(kSections[0]);
constexpr unsigned kModes = kCatalogSections + 3;

void Expect(bool condition) {
  if (!condition) __builtin_trap();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// One section file, as catalog_loader.cc's ReadSectionFile reads it.
void ReadSection(const std::string& text, const Section& section, kb::LintReport& report,
                 kb::CatalogData& out) {
  const std::string file = std::string(section.name) + ".yaml";
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    report.Error(file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax error: " + e.msg);
    return;
  }
  if (root.IsNull()) return;
  YAML::Node list = root;
  if (root.IsMap()) {
    if (root.size() != 1 || !root[section.name].IsDefined()) {
      report.Error(file, yaml::LineOf(root), "", "expected a list or a one-key map");
      return;
    }
    list = root[section.name];
  }
  if (!list.IsSequence()) {
    report.Error(file, yaml::LineOf(list), "", "must be a list of entries");
    return;
  }
  for (const auto& entry : list) {
    try {
      section.parse(entry, file, report, out);
    } catch (const YAML::Exception& e) {
      report.Error(file, yaml::LineOf(entry), "", std::string("cannot read entry: ") + e.what());
    }
  }
}

struct Base {
  kb::CatalogData catalog;
  std::vector<kb::PkReference> pk_references;
};

const Base& RealKnowledgeBase() {
  static const Base* base = [] {
    auto* b = new Base;
    const std::string dir = pineal::KnowledgeDir();
    kb::LintReport report;
    for (const Section& s : kSections) {
      ReadSection(ReadFile(dir + "/" + s.name + ".yaml"), s, report, b->catalog);
    }
    // The seeds add to a valid knowledge base; a broken one would hide that.
    Expect(report.ok() && !b->catalog.substances.empty());
    auto refs = kb::ParsePkReferences(ReadFile(dir + "/pk/references.yaml"), "pk/references.yaml");
    Expect(refs.ok());
    b->pk_references = std::move(*refs);
    return b;
  }();
  return *base;
}

void FuzzCatalogSection(const Section& section, std::string_view text, bool with_base) {
  kb::CatalogData data = with_base ? RealKnowledgeBase().catalog : kb::CatalogData{};
  kb::LintReport report;
  ReadSection(std::string(text), section, report, data);
  kb::ValidateCatalogData(data, report);
  (void)report.ToString();
  if (!report.ok()) return;
  auto catalog = kb::Catalog::Build(std::move(data));
  if (catalog.ok()) {
    for (std::size_t i = 0; i < catalog->substances().size(); ++i) {
      (void)catalog->BandTablesFor(static_cast<kb::SubstanceIndex>(i));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)RealKnowledgeBase();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned pick = static_cast<unsigned char>(data[0] - '0') % (2 * kModes);
  const unsigned mode = pick % kModes;
  const bool with_base = pick < kModes;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (mode < kCatalogSections) {
    FuzzCatalogSection(kSections[mode], text, with_base);
  } else if (mode == kCatalogSections) {
    auto model = kb::ParsePkModel(text, "fuzz.yaml");
    if (model.ok()) {
      (void)kb::CheckPkReferences(*model, RealKnowledgeBase().pk_references);
    } else {
      Expect(!model.status().message().empty());
    }
  } else if (mode == kCatalogSections + 1) {
    auto refs = kb::ParsePkReferences(text, "references.yaml");
    if (!refs.ok()) Expect(!refs.status().message().empty());
  } else {
    auto set = kb::ParseCircadianParameterSet(text, "fuzz.yaml");
    if (!set.ok()) Expect(!set.status().message().empty());
  }
  return 0;
}
