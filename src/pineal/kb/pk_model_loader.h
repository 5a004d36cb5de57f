// Loads population PK models (knowledge/pk/*.yaml) into kb::PkModelSpec and
// validates them: required fields, units, ranges, unknown keys, and that every
// cited reference id exists in knowledge/pk/references.yaml. Errors name the
// file, the entry and what is wrong.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/pk_model.h"

namespace pineal::kb {

// Parses one model document; `source` names it in error messages.
Result<PkModelSpec> ParsePkModel(std::string_view yaml_text, std::string_view source);

// Parses a references document ("references: [ {id, authors, year, ...} ]").
Result<std::vector<PkReference>> ParsePkReferences(std::string_view yaml_text,
                                                   std::string_view source);

// Reads `dir`/references.yaml and every other *.yaml in `dir` as a model, and
// checks that each reference id cited by a model is defined.
Result<PkCatalog> LoadPkCatalog(const std::string& dir);

// LoadPkCatalog(KnowledgeDir() + "/pk").
Result<PkCatalog> LoadDefaultPkCatalog();

// Checks that every reference id cited by `model` is in `references`.
Status CheckPkReferences(const PkModelSpec& model, const std::vector<PkReference>& references);

}  // namespace pineal::kb
