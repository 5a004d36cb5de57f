// Loads the circadian model parameter sets and the jet-lag melatonin limits
// (knowledge/circadian/*.yaml) as plain data. The circadian engine turns a
// set into typed parameters with circadian::MakeModel(set.equations, values);
// the sets stay independent of the engine here. Every set and every value
// cites reference ids that must exist in knowledge/circadian/references.yaml.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"

namespace pineal::kb {

struct CircadianReference {
  std::string id;
  std::string authors;
  int year = 0;
  std::string title;
  std::string journal;
  std::string doi;
  std::string pmid;
  std::string note;
};

struct CircadianParameter {
  double value = 0;
  std::vector<std::string> refs;
  std::string note;
};

struct CircadianParameterSet {
  std::string id;         // "fjk1999"
  std::string equations;  // "fjk99", "hannay19", "stowe25"
  std::string extends;    // id of a set whose parameters this one inherits, or ""
  std::string title;
  std::vector<std::string> refs;
  std::map<std::string, CircadianParameter> parameters;  // after inheritance
  std::string source;                                    // file it came from

  // name -> value, the form circadian::MakeModel takes.
  std::map<std::string, double> Values() const;
};

struct JetLagMelatoninLimits {
  CircadianParameter min_dose_mg;
  CircadianParameter max_dose_mg;
  CircadianParameter max_days_per_course;
  CircadianParameter max_courses_per_year;
};

struct CircadianCatalog {
  std::vector<CircadianReference> references;
  std::vector<CircadianParameterSet> parameter_sets;
  JetLagMelatoninLimits jetlag_limits;

  const CircadianParameterSet* FindSet(std::string_view id) const;
  const CircadianReference* FindReference(std::string_view id) const;
};

// Parses one parameter-set document (inheritance not yet resolved).
Result<CircadianParameterSet> ParseCircadianParameterSet(std::string_view yaml_text,
                                                         std::string_view source);

// Reads `dir`/references.yaml, `dir`/jetlag_limits.yaml and every other *.yaml
// as a parameter set; resolves `extends`; checks ids are unique and every
// cited reference exists.
Result<CircadianCatalog> LoadCircadianCatalog(const std::string& dir);

// LoadCircadianCatalog(KnowledgeDir() + "/circadian").
Result<CircadianCatalog> LoadDefaultCircadianCatalog();

}  // namespace pineal::kb
