// /api/v1/patients/{id}/medications: medicines, supplements and therapies.
#include "pineal/app/patient_records.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {

void AddMedicationRoutes(Router& router, app::PatientRecords& patients) {
  // The entry with what its name matched in the catalogue (null for a therapy).
  auto encode = [&patients](const records::MedicationEntry& m) {
    nlohmann::json j = ToJson(m);
    const auto match = patients.MatchMedication(m);
    j["catalog_match"] = match ? ToJson(*match) : nlohmann::json(nullptr);
    return j;
  };

  router.Add(
      "POST", "/api/v1/patients/{id}/medications", [&patients, encode](const HttpRequest& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return ErrorResponse(id.status());
        auto body = JsonBody(req);
        if (!body.ok()) return ErrorResponse(body.status());
        records::MedicationEntry draft;
        Status st = ApplyMedicationJson(*body, &draft);
        if (!st.ok()) return ErrorResponse(st);
        return Respond(patients.AddMedication(ActorFor(req), PatientId(*id), std::move(draft)),
                       encode, 201);
      });

  router.Add("GET", "/api/v1/patients/{id}/medications",
             [&patients, encode](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Respond(patients.ListMedications(ActorFor(req), PatientId(*id)),
                              [&](const auto& list) {
                                nlohmann::json items = nlohmann::json::array();
                                for (const auto& m : list) items.push_back(encode(m));
                                return nlohmann::json{{"items", items}};
                              });
             });

  router.Add("PATCH", "/api/v1/patients/{id}/medications/{mid}",
             [&patients, encode](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto mid = PathId(req, "mid");
               if (!mid.ok()) return ErrorResponse(mid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               app::Actor actor = ActorFor(req);
               auto list = patients.ListMedications(actor, PatientId(*id));
               if (!list.ok()) return ErrorResponse(list.status());
               const records::MedicationEntry* current = nullptr;
               for (const auto& m : *list) {
                 if (m.id.value() == *mid) current = &m;
               }
               if (current == nullptr) {
                 return ErrorResponse(
                     Status::NotFound("medication " + std::to_string(*mid) + " not found"));
               }
               records::MedicationEntry changed = *current;
               Status st = ApplyMedicationJson(*body, &changed);
               if (!st.ok()) return ErrorResponse(st);
               return Respond(patients.UpdateMedication(actor, PatientId(*id), std::move(changed)),
                              encode);
             });
}

}  // namespace pineal::http
