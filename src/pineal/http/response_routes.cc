// Monitoring instruments: POST /api/v1/patients/{id}/responses (scored and
// stored as an observation) and the definitions under /api/v1/kb/instruments
// and /api/v1/kb/side-effects for the forms that collect them.
#include "pineal/http/api_routes.h"
#include "pineal/json/instrument_json.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"
#include "pineal/monitor/answers_parse.h"

namespace pineal::http {
namespace {

using nlohmann::json;

HttpResponse NoInstruments() {
  return ErrorResponse(Status::Unavailable("the instruments of the knowledge base are not loaded"));
}

// "answers": {"item1": 2, "item9": null} by item id, [2, 1, null, ...] in
// form order (null: unanswered), or the text form "2,1,,0".
Result<std::vector<monitor::ItemAnswer>> AnswersFromJson(const kb::InstrumentDef& def,
                                                         const json& answers) {
  if (answers.is_string()) {
    auto parsed = monitor::ParseAnswers(def, answers.get<std::string>());
    if (!parsed.ok()) return parsed.status().WithFieldPrefix("answers");
    return parsed;
  }
  std::vector<monitor::ItemAnswer> out;
  auto value_of = [](const json& v, const std::string& field) -> Result<std::optional<int>> {
    if (v.is_null()) return std::optional<int>();
    if (!v.is_number_integer()) {
      return Status::InvalidArgument("must be a whole number or null (unanswered)", field);
    }
    const auto n = v.get<std::int64_t>();
    if (n < -1000 || n > 1000) return Status::InvalidArgument("is out of range", field);
    return std::optional<int>(static_cast<int>(n));
  };
  if (answers.is_object()) {
    for (const auto& [key, v] : answers.items()) {
      PINEAL_ASSIGN_OR_RETURN(auto value, value_of(v, "answers." + key));
      out.push_back({key, value});
    }
    return out;
  }
  if (answers.is_array()) {
    if (answers.size() > def.items.size()) {
      return Status::InvalidArgument(def.code + " has " + std::to_string(def.items.size()) +
                                         " items; " + std::to_string(answers.size()) +
                                         " answers were given",
                                     "answers");
    }
    for (std::size_t i = 0; i < answers.size(); ++i) {
      PINEAL_ASSIGN_OR_RETURN(auto value,
                              value_of(answers[i], "answers[" + std::to_string(i) + "]"));
      out.push_back({def.items[i].id, value});
    }
    return out;
  }
  return Status::InvalidArgument(
      "must be an object by item id, a list in item order, or a text such as \"1,2,0\"", "answers");
}

}  // namespace

void AddResponseRoutes(Router& router, app::PinealApp& app) {
  router.Add("POST", "/api/v1/patients/{id}/responses", [&app](const HttpRequest& req) {
    const kb::InstrumentCatalog* catalog = app.knowledge().instruments;
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
    auto recorded = app.RecordResponse(ActorFor(req), PatientId(*id), std::move(draft));
    return Respond(
        recorded,
        [](const app::RecordedResponse& rr) {
          return json{{"observation", ToJson(rr.observation)},
                      {"score", InstrumentScoreToJson(rr.score, *rr.instrument)}};
        },
        201);
  });

  router.Add("GET", "/api/v1/kb/instruments", [&app](const HttpRequest&) {
    const kb::InstrumentCatalog* catalog = app.knowledge().instruments;
    if (catalog == nullptr) return NoInstruments();
    json items = json::array();
    for (const auto& def : catalog->instruments) items.push_back(InstrumentDefToJson(def));
    return JsonResponse(200, {{"items", items}});
  });

  router.Add("GET", "/api/v1/kb/instruments/{name}", [&app](const HttpRequest& req) {
    const kb::InstrumentCatalog* catalog = app.knowledge().instruments;
    if (catalog == nullptr) return NoInstruments();
    const kb::InstrumentDef* def = catalog->Find(req.path_params.at("name"));
    if (def == nullptr) {
      return ErrorResponse(
          Status::NotFound("no instrument named '" + req.path_params.at("name") + "'"));
    }
    return JsonResponse(200, InstrumentDefToJson(*def));
  });

  router.Add("GET", "/api/v1/kb/side-effects", [&app](const HttpRequest&) {
    const kb::InstrumentCatalog* catalog = app.knowledge().instruments;
    if (catalog == nullptr || !catalog->side_effects) return NoInstruments();
    return JsonResponse(200, SideEffectsToJson(*catalog->side_effects));
  });
}

}  // namespace pineal::http
