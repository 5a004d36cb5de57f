// Parsers for contraindications, interactions, combination rules and regimen rules.
#include <string>

#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::catalog_yaml {
namespace {

constexpr std::string_view kSeverities = "info, minor, moderate, major, contraindicated";
constexpr std::string_view kLikelihoods = "likely, probable, possible, unlikely";
constexpr std::string_view kEvidence = "A, B, C, D";

std::vector<Indication> ReadIndications(EntryReader& r) {
  std::vector<Indication> out;
  for (const std::string& text : r.TextList("indications")) {
    if (auto i = ParseIndication(text)) {
      out.push_back(*i);
    } else {
      r.Error(r.Child("indications"),
              "unknown indication '" + text +
                  "' (allowed: insomnia, jet_lag, shift_work, delayed_sleep_phase, "
                  "chronic_fatigue, pain, opioid_withdrawal, research, "
                  "seasonal_affective_disorder, cognition, immune_support, arthritis, "
                  "fibromyalgia, neuropathic_pain)");
    }
  }
  return out;
}

}  // namespace

void ParseContraindication(const YAML::Node& node, const std::string& file, LintReport& report,
                           CatalogData& out) {
  EntryReader r(node, file, "contraindication", report);
  if (!r.is_map()) return;
  r.AllowKeys(
      {"id", "subject", "condition", "severity", "evidence", "title", "message", "action", "refs"});
  Contraindication c;
  c.id = r.Text("id");
  c.subject = r.Text("subject");
  c.condition = r.Text("condition");
  c.severity = r.Enum<Severity>("severity", ParseSeverity, kSeverities).value_or(c.severity);
  c.evidence =
      r.Enum<EvidenceLevel>("evidence", ParseEvidenceLevel, kEvidence).value_or(c.evidence);
  c.title = r.Text("title");
  c.message = r.Text("message");
  c.action = r.Text("action");
  c.refs = r.TextList("refs");
  c.where = r.where();
  out.contraindications.push_back(std::move(c));
}

void ParseInteraction(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out) {
  EntryReader r(node, file, "interaction", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "a", "b", "severity", "likelihood", "evidence", "title", "mechanism",
               "consequence", "action", "supersedes", "refs"});
  Interaction i;
  i.id = r.Text("id");
  i.a = r.Text("a");
  i.b = r.Text("b");
  i.severity = r.Enum<Severity>("severity", ParseSeverity, kSeverities).value_or(i.severity);
  if (i.severity == Severity::kInfo) {
    r.Error(r.Child("severity"),
            "an interaction must be minor, moderate, major or contraindicated");
  }
  i.likelihood =
      r.Enum<Likelihood>("likelihood", ParseLikelihood, kLikelihoods).value_or(i.likelihood);
  i.evidence =
      r.Enum<EvidenceLevel>("evidence", ParseEvidenceLevel, kEvidence).value_or(i.evidence);
  i.title = r.Text("title");
  i.mechanism = r.Text("mechanism");
  i.consequence = r.Text("consequence");
  i.action = r.Text("action");
  i.supersedes = r.TextList("supersedes");
  i.refs = r.TextList("refs");
  i.where = r.where();
  out.interactions.push_back(std::move(i));
}

void ParseCombination(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out) {
  EntryReader r(node, file, "combination", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "slots", "severity", "likelihood", "evidence", "title", "mechanism",
               "consequence", "action", "refs"});
  CombinationRule c;
  c.id = r.Text("id");
  const YAML::Node slots = r.Child("slots");
  if (!slots.IsDefined() || !slots.IsSequence()) {
    r.Error(slots.IsDefined() ? slots : node, "'slots' must be a list of {any_of: [...]}");
  } else {
    for (const auto& s : slots) {
      EntryReader sr(s, file, r.entry() + " slot", report);
      if (!sr.is_map()) continue;
      sr.AllowKeys({"any_of", "min_distinct", "use"});
      CombinationSlot slot;
      slot.any_of = sr.TextList("any_of", true);
      slot.min_distinct = sr.Integer("min_distinct").value_or(1);
      const std::string use = sr.Text("use", false);
      if (use == "daily") {
        slot.daily = true;
      } else if (!use.empty()) {
        sr.Error(sr.Child("use"), "'use' must be 'daily' (or absent)");
      }
      c.slots.push_back(std::move(slot));
    }
  }
  c.severity = r.Enum<Severity>("severity", ParseSeverity, kSeverities).value_or(c.severity);
  c.likelihood =
      r.Enum<Likelihood>("likelihood", ParseLikelihood, kLikelihoods).value_or(c.likelihood);
  c.evidence =
      r.Enum<EvidenceLevel>("evidence", ParseEvidenceLevel, kEvidence).value_or(c.evidence);
  c.title = r.Text("title");
  c.mechanism = r.Text("mechanism");
  c.consequence = r.Text("consequence");
  c.action = r.Text("action");
  c.refs = r.TextList("refs");
  c.where = r.where();
  out.combinations.push_back(std::move(c));
}

void ParseRegimenRule(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out) {
  EntryReader r(node, file, "regimen rule", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "subject", "formulations", "indications", "max_doses_per_day",
               "regular_use_doses_per_day", "max_course_days", "indication_evidence", "severity",
               "title", "message", "action", "refs"});
  RegimenRule rule;
  rule.id = r.Text("id");
  rule.subject = r.Text("subject");
  rule.formulations = r.TextList("formulations");
  rule.indications = ReadIndications(r);
  rule.max_doses_per_day = r.Number("max_doses_per_day");
  rule.regular_use_doses_per_day = r.Number("regular_use_doses_per_day");
  rule.max_course_days = r.Integer("max_course_days");
  if (rule.regular_use_doses_per_day && *rule.regular_use_doses_per_day <= 0) {
    r.Error(r.Child("regular_use_doses_per_day"), "regular_use_doses_per_day must be positive");
  }
  if (rule.max_doses_per_day && *rule.max_doses_per_day <= 0) {
    r.Error(r.Child("max_doses_per_day"), "max_doses_per_day must be positive");
  }
  if (rule.max_course_days && *rule.max_course_days <= 0) {
    r.Error(r.Child("max_course_days"), "max_course_days must be positive");
  }
  rule.severity = r.Enum<Severity>("severity", ParseSeverity, kSeverities).value_or(rule.severity);
  const std::string evidence = r.Text("indication_evidence", false);
  if (evidence == "none_or_weak") {
    rule.indication_evidence_weak = true;
    if (rule.indications.empty()) {
      r.Error(node, "an indication_evidence rule must name its indications");
    }
    if (rule.severity != Severity::kMinor && rule.severity != Severity::kModerate) {
      r.Error(r.Child("severity"),
              "an indication_evidence rule informs and must not block: minor or moderate");
    }
  } else if (!evidence.empty()) {
    r.Error(r.Child("indication_evidence"), "'indication_evidence' must be 'none_or_weak'");
  }
  rule.title = r.Text("title");
  rule.message = r.Text("message");
  rule.action = r.Text("action");
  rule.refs = r.TextList("refs");
  rule.where = r.where();
  out.regimen_rules.push_back(std::move(rule));
}

}  // namespace pineal::kb::catalog_yaml
