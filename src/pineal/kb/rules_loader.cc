#include "pineal/kb/rules_loader.h"

#include <set>
#include <utility>

#include "pineal/core/paths.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/rules_parse.h"

namespace pineal::kb {
namespace {

// Runs `parse` on each entry, turning yaml-cpp exceptions into errors.
template <typename Parse>
void ForEachEntry(const std::string& path, std::string_view section, LintReport& report,
                  Parse parse) {
  const auto list = rules_yaml::ReadEntryList(path, section, report);
  if (!list) return;
  for (const auto& entry : *list) {
    try {
      parse(entry);
    } catch (const YAML::Exception& e) {
      report.Error(path, catalog_yaml::LineOf(entry), "",
                   std::string("cannot read entry: ") + e.what());
    }
  }
}

MonitoringRules Read(const std::string& dir, LintReport& report) {
  MonitoringRules out;
  const std::string refs_path = dir + "/references.yaml";
  CatalogData refs;
  ForEachEntry(refs_path, "references", report, [&](const YAML::Node& n) {
    catalog_yaml::ParseReference(n, refs_path, report, refs);
  });
  rules_yaml::KnownRefs known;
  for (auto& r : refs.references) {
    if (!known.insert(r.id).second) {
      report.Error(r.where.file, r.where.line, "reference '" + r.id + "'",
                   "duplicate reference id");
    }
    out.references.push_back(std::move(r));
  }

  const std::string adherence_path = dir + "/adherence.yaml";
  rules_yaml::AdherenceSeen seen;
  ForEachEntry(adherence_path, "adherence", report, [&](const YAML::Node& n) {
    rules_yaml::ParseAdherenceSetting(n, adherence_path, report, known, out.adherence, seen);
  });
  for (auto [ok, id] : {std::pair{seen.tolerance, "adherence.on_time_tolerance"},
                        {seen.window, "adherence.match_window"},
                        {seen.threshold, "adherence.threshold"}}) {
    if (!ok) report.Error(adherence_path, 0, "", std::string("missing setting '") + id + "'");
  }
  if (seen.tolerance && seen.window &&
      out.adherence.on_time_tolerance_min > out.adherence.match_window_min) {
    report.Error(adherence_path, 0, "adherence setting 'adherence.on_time_tolerance'",
                 "the on-time tolerance must not exceed the match window");
  }

  const std::string followup_path = dir + "/followup.yaml";
  ForEachEntry(followup_path, "followup", report, [&](const YAML::Node& n) {
    rules_yaml::ParseFollowupRule(n, followup_path, report, known, out.followup);
  });

  const std::string questionnaires_path = dir + "/questionnaires.yaml";
  ForEachEntry(questionnaires_path, "questionnaires", report, [&](const YAML::Node& n) {
    rules_yaml::ParseQuestionnaireRule(n, questionnaires_path, report, known, out.questionnaires);
  });

  const std::string alerts_path = dir + "/alerts.yaml";
  ForEachEntry(alerts_path, "alerts", report, [&](const YAML::Node& n) {
    rules_yaml::ParseAlertRule(n, alerts_path, report, known, out.alerts);
  });
  out.alerts.adherence = out.adherence;
  return out;
}

}  // namespace

LintReport LintMonitoringRules(const std::string& dir) {
  LintReport report;
  Read(dir, report);
  return report;
}

Result<MonitoringRules> LoadMonitoringRules(const std::string& dir) {
  LintReport report;
  MonitoringRules rules = Read(dir, report);
  if (!report.ok()) {
    return Status::InvalidArgument("monitoring rules in " + dir + " have " +
                                   std::to_string(report.error_count()) + " error(s):\n" +
                                   report.ToString());
  }
  return rules;
}

Result<MonitoringRules> LoadDefaultMonitoringRules() {
  return LoadMonitoringRules(KnowledgeDir() + "/rules");
}

}  // namespace pineal::kb
