#include "pineal/app/knowledge.h"

#include "pineal/core/paths.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/pk_model_loader.h"
#include "pineal/kb/protocol_loader.h"

namespace pineal::app {
namespace {

template <typename T>
Status Named(const Result<T>& r, const char* part) {
  if (r.ok()) return Status::Ok();
  return Status(r.status().code(), std::string("knowledge/") + part + ": " + r.status().message());
}

// The questionnaire rules name instruments and conditions of other files.
Status CheckQuestionnaireRules(const kb::QuestionnaireRuleSet& rules,
                               const kb::InstrumentCatalog& instruments,
                               const kb::Catalog& catalog) {
  std::string problems;
  for (const auto& rule : rules.rules) {
    for (const auto& id : rule.instruments) {
      const kb::InstrumentDef* def = instruments.Find(id);
      if (def == nullptr || def->id != id) {
        problems += "\n  " + rule.id + ": no instrument with id '" + id + "' in instruments/";
      }
    }
    const std::string& condition = rule.applies.condition;
    if (!condition.empty() && !catalog.ConditionIndexOf(condition)) {
      problems += "\n  " + rule.id + ": applies.condition '" + condition +
                  "' is not a condition id of conditions.yaml";
    }
  }
  if (problems.empty()) return Status::Ok();
  return Status::InvalidArgument("knowledge/rules/questionnaires.yaml:" + problems);
}

}  // namespace

Result<std::unique_ptr<LoadedKnowledge>> LoadKnowledge(const std::string& root_dir) {
  const std::string root = root_dir.empty() ? KnowledgeDir() : root_dir;
  auto safety = kb::LoadCatalog(root);
  PINEAL_RETURN_IF_ERROR(Named(safety, "(safety catalog)"));
  auto pk = kb::LoadPkCatalog(root + "/pk");
  PINEAL_RETURN_IF_ERROR(Named(pk, "pk"));
  auto circadian = kb::LoadCircadianCatalog(root + "/circadian");
  PINEAL_RETURN_IF_ERROR(Named(circadian, "circadian"));
  auto instruments = kb::LoadInstruments(root + "/instruments");
  PINEAL_RETURN_IF_ERROR(Named(instruments, "instruments"));
  auto rules = kb::LoadMonitoringRules(root + "/rules");
  PINEAL_RETURN_IF_ERROR(Named(rules, "rules"));
  PINEAL_RETURN_IF_ERROR(CheckQuestionnaireRules(rules->questionnaires, *instruments, *safety));
  auto protocols = kb::LoadProtocols(root + "/protocols");
  PINEAL_RETURN_IF_ERROR(Named(protocols, "protocols"));
  return std::make_unique<LoadedKnowledge>(std::move(*safety), std::move(*pk),
                                           std::move(*circadian), std::move(*instruments),
                                           std::move(*rules), std::move(*protocols));
}

}  // namespace pineal::app
