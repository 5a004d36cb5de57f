// Monitoring instruments: POST /api/v1/patients/{id}/responses (scored and
// stored as an observation) and the definitions under /api/v1/kb/instruments
// and /api/v1/kb/side-effects for the forms that collect them.
#include "pineal/app/patient_records.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/instrument_json.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

HttpResponse NoInstruments() {
  return ErrorResponse(Status::Unavailable("the instruments of the knowledge base are not loaded"));
}

}  // namespace

void AddResponseRoutes(Router& router, app::PatientRecords& patients) {
  router.Add("POST", "/api/v1/patients/{id}/responses", [&patients](const HttpRequest& req) {
    const kb::InstrumentCatalog* catalog = patients.knowledge().instruments;
    if (catalog == nullptr) return NoInstruments();
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    JsonReader r(*body);
    app::ResponseDraft draft;
    Status st = r.Get("instrument", &draft.instrument, Need::kRequired);
    if (st.ok()) st = r.Get("observed_at", &draft.observed_at, Need::kRequired);
    std::optional<std::int64_t> corrects;
    if (st.ok()) st = r.Get("corrects", &corrects);
    const json* answers = r.Raw("answers");
    if (st.ok()) st = r.RejectUnknown();
    if (!st.ok()) return ErrorResponse(st);
    if (corrects) draft.corrects = ObservationId(*corrects);
    if (answers == nullptr) {
      return ErrorResponse(Status::InvalidArgument("is required: the item answers", "answers"));
    }
    if (const kb::InstrumentDef* def = catalog->Find(draft.instrument)) {
      auto parsed = AnswersFromJson(*def, *answers);
      if (!parsed.ok()) return ErrorResponse(parsed.status());
      draft.answers = std::move(*parsed);
    }
    auto recorded = patients.RecordResponse(ActorFor(req), PatientId(*id), std::move(draft));
    return Respond(
        recorded,
        [](const app::RecordedResponse& rr) {
          return json{{"observation", ToJson(rr.observation)},
                      {"score", InstrumentScoreToJson(rr.score, *rr.instrument)}};
        },
        201);
  });

  router.Add("GET", "/api/v1/kb/instruments", [&patients](const HttpRequest&) {
    const kb::InstrumentCatalog* catalog = patients.knowledge().instruments;
    if (catalog == nullptr) return NoInstruments();
    json items = json::array();
    for (const auto& def : catalog->instruments) items.push_back(InstrumentDefToJson(def));
    return JsonResponse(200, {{"items", items}});
  });

  router.Add("GET", "/api/v1/kb/instruments/{name}", [&patients](const HttpRequest& req) {
    const kb::InstrumentCatalog* catalog = patients.knowledge().instruments;
    if (catalog == nullptr) return NoInstruments();
    const kb::InstrumentDef* def = catalog->Find(req.path_params.at("name"));
    if (def == nullptr) {
      return ErrorResponse(
          Status::NotFound("no instrument named '" + req.path_params.at("name") + "'"));
    }
    return JsonResponse(200, InstrumentDefToJson(*def));
  });

  router.Add("GET", "/api/v1/kb/side-effects", [&patients](const HttpRequest&) {
    const kb::InstrumentCatalog* catalog = patients.knowledge().instruments;
    if (catalog == nullptr || !catalog->side_effects) return NoInstruments();
    return JsonResponse(200, SideEffectsToJson(*catalog->side_effects));
  });
}

}  // namespace pineal::http
