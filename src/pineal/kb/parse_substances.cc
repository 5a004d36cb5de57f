// Parsers for references, substances, classes and conditions.
#include <algorithm>
#include <span>
#include <string>
#include <string_view>

#include "pineal/core/quantity.h"
#include "pineal/kb/catalog.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb {

Result<double> ParseContentMgPerG(std::string_view text) {
  const std::size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) {
    return Status::InvalidArgument("content '" + std::string(text) +
                                   "' must be a mass per mass, e.g. \"15 mg/g\"");
  }
  PINEAL_ASSIGN_OR_RETURN(Mass numerator, Mass::Parse(text.substr(0, slash)));
  std::string_view unit = text.substr(slash + 1);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  auto denominator = Mass::Make(1.0, unit);
  if (!denominator.ok()) {
    return Status::InvalidArgument("content '" + std::string(text) +
                                   "': the unit after '/' must be a mass unit (ug, mg, g)");
  }
  return numerator.base() / denominator->base() * 1000.0;
}

}  // namespace pineal::kb

namespace pineal::kb::catalog_yaml {

void ParseReference(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out) {
  EntryReader r(node, file, "reference", report);
  if (!r.is_map()) return;
  // References are shared with other folders' loaders: extra bibliographic
  // fields are tolerated (warning), the ones pineal reads are checked.
  r.AllowKeys({"id", "authors", "year", "title", "journal", "document", "pmid", "doi", "pmc",
               "confidence", "note", "source", "url", "code"},
              /*warn_only=*/true);
  Reference ref;
  ref.id = r.Text("id");
  ref.authors = r.Text("authors");
  ref.year = r.Integer("year").value_or(0);
  if (!r.Child("year").IsDefined()) r.Error("missing 'year' (0 if the document states none)");
  ref.title = r.Text("title", false);
  ref.journal = r.Text("journal", false);
  ref.document = r.Text("document", false);
  ref.pmid = r.Text("pmid", false);
  ref.doi = r.Text("doi", false);
  ref.pmc = r.Text("pmc", false);
  ref.confidence = r.Text("confidence", false);
  ref.note = r.Text("note", false);
  ref.where = r.where();
  out.references.push_back(std::move(ref));
}

namespace {

constexpr std::string_view kSubstanceCodeSystems[] = {"atc", "rxnorm", "gsrs", "unii"};
constexpr std::string_view kConditionCodeSystems[] = {kIcd10CmSystem, kSnomedCtSystem};

bool IsIcd10CmCode(std::string_view c) {
  auto upper = [](char x) { return x >= 'A' && x <= 'Z'; };
  auto digit = [](char x) { return x >= '0' && x <= '9'; };
  if (c.size() < 3 || !upper(c[0]) || !digit(c[1]) || !(digit(c[2]) || upper(c[2]))) return false;
  if (c.size() == 3) return true;
  if (c[3] != '.' || c.size() < 5 || c.size() > 8) return false;
  for (char x : c.substr(4)) {
    if (!digit(x) && !upper(x)) return false;
  }
  return true;
}

bool IsSnomedCtId(std::string_view c) {
  return c.size() >= 6 && c.size() <= 18 &&
         std::all_of(c.begin(), c.end(), [](char x) { return x >= '0' && x <= '9'; });
}

// `codes: [{system, code, display, version, confidence, note}]`. An unknown
// system, a code that cannot be in its system, an ICD-10-CM code without its
// code-set version and an unverified (M) code without a note are errors.
std::vector<Code> ReadEntryCodes(EntryReader& r, LintReport& report,
                                 std::span<const std::string_view> systems) {
  std::vector<Code> out;
  const YAML::Node codes = r.Child("codes");
  if (!codes.IsDefined() || codes.IsNull()) return out;
  if (!codes.IsSequence()) {
    r.Error(codes, "'codes' must be a list of {system, code}");
    return out;
  }
  std::string allowed;
  for (std::string_view sys : systems) allowed += (allowed.empty() ? "" : ", ") + std::string(sys);
  for (const auto& c : codes) {
    EntryReader cr(c, r.file(), r.entry() + " code", report);
    if (!cr.is_map()) continue;
    cr.AllowKeys({"system", "code", "display", "version", "confidence", "note"});
    Code code;
    code.system = cr.Text("system");
    code.code = cr.Text("code");
    code.display = cr.Text("display", false);
    code.version = cr.Text("version", false);
    code.confidence = cr.Text("confidence", false);
    code.note = cr.Text("note", false);
    // Errors name the entry (r) and the line of the field at fault.
    const std::string what = "code '" + code.code + "': ";
    if (!code.system.empty() &&
        std::find(systems.begin(), systems.end(), code.system) == systems.end()) {
      r.Error(cr.Child("system"),
              what + "code system '" + code.system + "' is not one of " + allowed);
    }
    if (code.system == kIcd10CmSystem && !code.code.empty()) {
      if (!IsIcd10CmCode(code.code)) {
        r.Error(cr.Child("code"), what + "not an ICD-10-CM code (e.g. F11.21)");
      }
      if (code.version.empty()) {
        r.Error(c, what + "an ICD-10-CM code needs its code-set 'version' (e.g. FY2026)");
      }
    }
    if (code.system == kSnomedCtSystem && !code.code.empty() && !IsSnomedCtId(code.code)) {
      r.Error(cr.Child("code"), what + "not a SNOMED CT id (6-18 digits)");
    }
    if (!code.confidence.empty() && code.confidence != "V" && code.confidence != "Vs" &&
        code.confidence != "M") {
      r.Error(cr.Child("confidence"), what + "'confidence' must be V, Vs or M");
    }
    if (code.confidence == "M" && code.note.empty()) {
      r.Error(c, what + "an unverified code (confidence M) needs a 'note' saying so");
    }
    out.push_back(std::move(code));
  }
  return out;
}

std::optional<PlausibleDose> ReadPlausibleDose(EntryReader& r, LintReport& report) {
  const YAML::Node n = r.Child("plausible_dose");
  if (!n.IsDefined()) return std::nullopt;
  EntryReader p(n, r.file(), r.entry() + " plausible_dose", report);
  if (!p.is_map()) return std::nullopt;
  p.AllowKeys({"per_dose", "reason", "refs"});
  PlausibleDose out;
  const std::string text = p.Text("per_dose");
  auto mass = Mass::Parse(text);
  if (!mass.ok()) {
    p.Error(p.Child("per_dose"), "unparseable quantity: " + mass.status().message());
    return std::nullopt;
  }
  out.per_dose = *mass;
  out.reason = p.Text("reason");
  out.refs = p.TextList("refs");
  return out;
}

std::optional<Potency> ReadPotency(EntryReader& r, LintReport& report) {
  const YAML::Node n = r.Child("potency");
  if (!n.IsDefined()) return std::nullopt;
  EntryReader p(n, r.file(), r.entry() + " potency", report);
  if (!p.is_map()) return std::nullopt;
  p.AllowKeys({"content_of", "default_content", "content_range", "unknown", "refs"});
  Potency potency;
  potency.content_of = p.Text("content_of");
  auto content = [&](const YAML::Node& at, const std::string& text) -> std::optional<double> {
    auto v = ParseContentMgPerG(text);
    if (!v.ok()) {
      p.Error(at, "unparseable quantity: " + v.status().message());
      return std::nullopt;
    }
    return *v;
  };
  if (const std::string d = p.Text("default_content", false); !d.empty()) {
    potency.default_content_mg_per_g = content(p.Child("default_content"), d);
  }
  const auto range = p.TextList("content_range");
  if (!range.empty()) {
    if (range.size() != 2) {
      p.Error(p.Child("content_range"), "content_range must be [low, high]");
    } else {
      potency.content_low_mg_per_g = content(p.Child("content_range"), range[0]);
      potency.content_high_mg_per_g = content(p.Child("content_range"), range[1]);
    }
  }
  potency.refs = p.TextList("refs");
  if (const YAML::Node u = p.Child("unknown"); u.IsDefined()) {
    EntryReader ur(u, r.file(), r.entry() + " potency.unknown", report);
    if (ur.is_map()) {
      ur.AllowKeys({"rule", "when", "severity", "title", "message", "action", "refs"});
      UnknownPotencyRule rule;
      rule.rule_id = ur.Text("rule");
      const std::string when = ur.Text("when");
      if (when == "always") {
        rule.always = true;
      } else if (!when.empty() && when != "content_missing") {
        ur.Error(ur.Child("when"), "'when' must be 'always' or 'content_missing'");
      }
      rule.severity = ur.Enum<Severity>("severity", ParseSeverity,
                                        "info, minor, moderate, major, contraindicated")
                          .value_or(Severity::kMajor);
      rule.title = ur.Text("title");
      rule.message = ur.Text("message");
      rule.action = ur.Text("action");
      rule.refs = ur.TextList("refs");
      potency.unknown = std::move(rule);
    }
  }
  return potency;
}

}  // namespace

void ParseSubstance(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out) {
  EntryReader r(node, file, "substance", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "name", "kind", "synonyms", "brands", "classes", "codes", "formulations",
               "default_formulation", "potency", "plausible_dose", "refs", "note"});
  Substance s;
  s.id = r.Text("id");
  s.name = r.Text("name");
  s.kind = r.Text("kind");
  s.synonyms = r.TextList("synonyms");
  s.brands = r.TextList("brands");
  s.classes = r.TextList("classes");
  s.codes = ReadEntryCodes(r, report, kSubstanceCodeSystems);
  if (const YAML::Node forms = r.Child("formulations"); forms.IsDefined() && !forms.IsNull()) {
    if (!forms.IsSequence()) {
      r.Error(forms, "'formulations' must be a list of {id, names}");
    } else {
      for (const auto& f : forms) {
        EntryReader fr(f, file, r.entry() + " formulation", report);
        if (!fr.is_map()) continue;
        fr.AllowKeys({"id", "names"});
        s.formulations.push_back({fr.Text("id"), fr.TextList("names")});
      }
    }
  }
  s.default_formulation = r.Text("default_formulation", false);
  s.potency = ReadPotency(r, report);
  s.plausible_dose = ReadPlausibleDose(r, report);
  s.refs = r.TextList("refs");
  s.note = r.Text("note", false);
  s.where = r.where();
  out.substances.push_back(std::move(s));
}

void ParseClass(const YAML::Node& node, const std::string& file, LintReport& report,
                CatalogData& out) {
  EntryReader r(node, file, "class", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "name", "description", "includes", "duplication", "refs"});
  SubstanceClass c;
  c.id = r.Text("id");
  c.name = r.Text("name");
  c.description = r.Text("description", false);
  c.includes = r.TextList("includes");
  c.duplication = r.Enum<Severity>("duplication", ParseSeverity,
                                   "info, minor, moderate, major, contraindicated", false);
  c.refs = r.TextList("refs");
  c.where = r.where();
  out.classes.push_back(std::move(c));
}

void ParseCondition(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out) {
  EntryReader r(node, file, "condition", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "name", "synonyms", "derived_from", "is_a", "codes", "refs", "note"});
  Condition c;
  c.id = r.Text("id");
  c.name = r.Text("name");
  c.synonyms = r.TextList("synonyms");
  c.derived_from = r.Text("derived_from", false);
  c.is_a = r.TextList("is_a");
  c.codes = ReadEntryCodes(r, report, kConditionCodeSystems);
  c.refs = r.TextList("refs");
  c.note = r.Text("note", false);
  c.where = r.where();
  out.conditions.push_back(std::move(c));
}

}  // namespace pineal::kb::catalog_yaml
