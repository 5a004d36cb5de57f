// Loads knowledge/ into a kb::Catalog, and lints it.
//
// Layout of a knowledge directory (each section may be one file or a folder of
// files, read in name order; every file is a YAML sequence of entries, or a map
// with the section name as its only key):
//   substances, classes, conditions, contraindications, interactions,
//   combinations, dose_bands, regimen_rules   (<dir>/<section>.yaml, <dir>/<section>/*.yaml)
//   references                                (every references.yaml under <dir>, recursively)
// Other files (e.g. the PK models in knowledge/pk/) are left to their own loaders.
// The same reference id may appear in several references.yaml files only if the
// entries agree (year, PMID, DOI, PMC).
#pragma once

#include <string>

#include "pineal/core/result.h"
#include "pineal/kb/catalog.h"
#include "pineal/kb/lint_report.h"

namespace pineal::kb {

// Reads, validates and indexes the catalog; InvalidArgument lists every error
// with file, line and entry.
Result<Catalog> LoadCatalog(const std::string& knowledge_dir);
// LoadCatalog(KnowledgeDir()).
Result<Catalog> LoadDefaultCatalog();

// Every problem in the directory (parse errors, unknown keys, unparseable
// quantities, broken cross-references, band gaps and overlaps, duplicate ids),
// without stopping at the first. `pineal kb lint` prints this.
LintReport LintKnowledgeDir(const std::string& knowledge_dir);

// Reads only the references (all references.yaml under the directory), merged.
Result<std::vector<Reference>> LoadReferences(const std::string& knowledge_dir);

}  // namespace pineal::kb
