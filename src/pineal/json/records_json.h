// JSON <-> records. Decoders apply the fields present in a request onto a
// record (a default one for create, the stored one for update), so PATCH and
// POST share one reader per record.
#pragma once

#include <nlohmann/json.hpp>

#include "pineal/app/regimen_change.h"
#include "pineal/app/timeline.h"
#include "pineal/json/json_out.h"
#include "pineal/kb/catalog.h"
#include "pineal/safety/overrides.h"
#include "pineal/store/store.h"

namespace pineal::codec {

nlohmann::json ToJson(const records::Patient& p, Instant now);
nlohmann::json ToJson(const records::MedicationEntry& m);
nlohmann::json ToJson(const records::Regimen& r);
nlohmann::json ToJson(const records::RegimenVersion& v);
// {"findings": [...], "overrides": [...]}: the screening kept with a regimen
// version or a circadian plan.
nlohmann::json RecordedScreeningJson(const std::vector<records::RecordedFinding>& findings,
                                     const std::vector<records::RecordedOverride>& overrides);
nlohmann::json ToJson(const records::DoseEvent& e);
nlohmann::json ToJson(const records::Observation& o);
// The same as text, for lists answered without building a tree.
void WriteJson(JsonText& out, const records::DoseEvent& e);
void WriteJson(JsonText& out, const records::Observation& o);
nlohmann::json ToJson(const app::TimelineEntry& e);
nlohmann::json ToJson(const store::AuditEvent& e);
// {"text", "matched": {"id", "name", "codes": [...]} | null, "suggestions": [{"id", "name"}]}
nlohmann::json ToJson(const kb::NameMatch& m);

Status ApplyPatientJson(const nlohmann::json& body, records::Patient* p, LocalDate today);
Status ApplyMedicationJson(const nlohmann::json& body, records::MedicationEntry* m);
// Reads the version fields of a regimen request; `substance` is read only
// when given (a new regimen).
// `overrides` (if given) receives the request's "overrides" list.
// The fields a regimen request gives (all of them for a new regimen, when
// `substance` is given; any for a new version, with `base_version`).
Result<app::RegimenVersionChange> RegimenChangeFromJson(
    const nlohmann::json& body, std::string* substance, int* base_version,
    std::vector<safety::Override>* overrides = nullptr);
Status ApplyRegimenVersionJson(const nlohmann::json& body, records::RegimenVersion* v,
                               std::string* substance, int* base_version,
                               std::vector<safety::Override>* overrides = nullptr);
Status ApplyDoseEventJson(const nlohmann::json& body, records::DoseEvent* e);
Status ApplyObservationJson(const nlohmann::json& body, records::Observation* o);

}  // namespace pineal::codec
