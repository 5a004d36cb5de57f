// The patient's record as the PK model's covariates.
#include "pineal/app/patient_covariates.h"

#include <string>

#include "pineal/core/text.h"
#include "pineal/records/enums.h"

namespace pineal::app {

pk::PatientCovariates CovariatesOf(const records::Patient& p,
                                   const std::vector<records::MedicationEntry>& medications,
                                   const kb::Catalog* catalog, LocalDate today) {
  pk::PatientCovariates c;
  if (p.birth_date) c.age_years = AgeInYears(*p.birth_date, today);
  if (p.weight) c.weight_kg = p.weight->weight.base();
  if (p.sex != records::Sex::kUnknown) c.sex = std::string(records::ToString(p.sex));
  c.smoker = p.smoker;
  for (const auto& m : medications) {
    if (!records::IsCurrentOn(m, today)) continue;
    std::string name = m.name;
    if (catalog != nullptr) {
      if (auto s = catalog->ResolveSubstance(m.name)) name = catalog->substance(*s).id;
    }
    c.comedications.push_back(name);
  }
  for (const auto& condition : p.conditions) {
    std::string id = AsciiLower(condition);
    if (catalog != nullptr) {
      if (auto k = catalog->ResolveCondition(condition)) id = catalog->condition(*k).id;
    }
    if (id == "hepatic_impairment") c.hepatic_impairment = true;
  }
  return c;
}

}  // namespace pineal::app
