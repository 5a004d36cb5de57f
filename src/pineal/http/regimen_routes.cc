// /api/v1/patients/{id}/regimens: create, new version, stop, read.
#include "pineal/http/api_routes.h"
#include "pineal/http/json_reader.h"
#include "pineal/http/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {

void AddRegimenRoutes(Router& router, app::PinealApp& app) {
  auto encode = [](const records::Regimen& r) { return ToJson(r); };

  router.Add("POST", "/api/v1/patients/{id}/regimens", [&app, encode](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    app::RegimenDraft draft;
    Status st = ApplyRegimenVersionJson(*body, &draft.version, &draft.substance, nullptr);
    if (!st.ok()) return ErrorResponse(st);
    return Respond(app.CreateRegimen(ActorFor(req), PatientId(*id), std::move(draft)), encode, 201);
  });

  router.Add("GET", "/api/v1/patients/{id}/regimens", [&app, encode](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(app.ListRegimens(ActorFor(req), PatientId(*id)), [&](const auto& list) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : list) items.push_back(encode(r));
      return nlohmann::json{{"items", items}};
    });
  });

  router.Add("GET", "/api/v1/patients/{id}/regimens/{rid}", [&app, encode](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto rid = PathId(req, "rid");
    if (!rid.ok()) return ErrorResponse(rid.status());
    return Respond(app.GetRegimen(ActorFor(req), PatientId(*id), RegimenId(*rid)), encode);
  });

  // A new version: fields not given keep the current version's values.
  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/versions",
             [&app, encode](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               app::Actor actor = ActorFor(req);
               auto current = app.GetRegimen(actor, PatientId(*id), RegimenId(*rid));
               if (!current.ok()) return ErrorResponse(current.status());
               records::RegimenVersion draft = current->current();
               draft.reason.clear();
               int base_version = 0;
               Status st = ApplyRegimenVersionJson(*body, &draft, nullptr, &base_version);
               if (!st.ok()) return ErrorResponse(st);
               return Respond(app.ReviseRegimen(actor, PatientId(*id), RegimenId(*rid),
                                                base_version, std::move(draft)),
                              encode, 201);
             });

  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/stop",
             [&app, encode](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               JsonReader r(*body);
               int base_version = 0;
               std::optional<LocalDate> end_date;
               std::string reason;
               Status st = r.Get("base_version", &base_version, Need::kRequired);
               if (st.ok()) st = r.Get("end_date", &end_date);
               if (st.ok()) st = r.Get("reason", &reason, Need::kRequired);
               if (st.ok()) st = r.RejectUnknown();
               if (!st.ok()) return ErrorResponse(st);
               return Respond(app.StopRegimen(ActorFor(req), PatientId(*id), RegimenId(*rid),
                                              base_version, end_date, std::move(reason)),
                              encode);
             });
}

}  // namespace pineal::http
