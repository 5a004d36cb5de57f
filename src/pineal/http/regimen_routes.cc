// /api/v1/patients/{id}/regimens: create, new version, stop, read.
#include "pineal/app/regimen_care.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {

HttpResponse ScreenedChangeResponse(const Status& status, const app::ScreeningReport& report,
                                    const kb::Catalog* catalog, nlohmann::json ok_body,
                                    int ok_status) {
  nlohmann::json screening =
      catalog != nullptr ? ScreeningReportJson(report, *catalog) : nlohmann::json(nullptr);
  if (!status.ok()) {
    if (report.findings.empty() && !report.blocked()) return ErrorResponse(status);
    ErrorBody error = ErrorBodyFor(status);
    if (report.blocked() && status.code() == StatusCode::kFailedPrecondition) {
      error.body["error"]["code"] = "blocked_by_screening";
    }
    error.body["screening"] = std::move(screening);
    return JsonResponse(error.http_status, error.body);
  }
  ok_body["screening"] = screening;
  return JsonResponse(ok_status, ok_body);
}

namespace {

HttpResponse RegimenChangeResponse(const Result<records::Regimen>& result,
                                   const app::ScreeningReport& report, const kb::Catalog* catalog) {
  return ScreenedChangeResponse(result.status(), report, catalog,
                                result.ok() ? ToJson(*result) : nlohmann::json(), 201);
}

}  // namespace

void AddRegimenRoutes(Router& router, app::RegimenCare& regimens) {
  auto encode = [](const records::Regimen& r) { return ToJson(r); };

  router.Add("POST", "/api/v1/patients/{id}/regimens", [&regimens](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    app::RegimenDraft draft;
    std::vector<safety::Override> overrides;
    Status st =
        ApplyRegimenVersionJson(*body, &draft.version, &draft.substance, nullptr, &overrides);
    if (!st.ok()) return ErrorResponse(st);
    app::ScreeningReport report;
    auto created =
        regimens.CreateRegimen(ActorFor(req), PatientId(*id), std::move(draft), overrides, &report);
    return RegimenChangeResponse(created, report, regimens.catalog());
  });

  router.Add("GET", "/api/v1/patients/{id}/regimens", [&regimens, encode](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(regimens.ListRegimens(ActorFor(req), PatientId(*id)), [&](const auto& list) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : list) items.push_back(encode(r));
      return nlohmann::json{{"items", items}};
    });
  });

  router.Add(
      "GET", "/api/v1/patients/{id}/regimens/{rid}", [&regimens, encode](const HttpRequest& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return ErrorResponse(id.status());
        auto rid = PathId(req, "rid");
        if (!rid.ok()) return ErrorResponse(rid.status());
        return Respond(regimens.GetRegimen(ActorFor(req), PatientId(*id), RegimenId(*rid)), encode);
      });

  // A new version: fields not given keep the current version's values.
  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/versions",
             [&regimens](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               int base_version = 0;
               std::vector<safety::Override> overrides;
               auto change = RegimenChangeFromJson(*body, nullptr, &base_version, &overrides);
               if (!change.ok()) return ErrorResponse(change.status());
               app::ScreeningReport report;
               auto revised = regimens.ReviseRegimen(ActorFor(req), PatientId(*id), RegimenId(*rid),
                                                     base_version, *change, overrides, &report);
               return RegimenChangeResponse(revised, report, regimens.catalog());
             });

  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/stop",
             [&regimens, encode](const HttpRequest& req) {
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
               return Respond(regimens.StopRegimen(ActorFor(req), PatientId(*id), RegimenId(*rid),
                                                   base_version, end_date, std::move(reason)),
                              encode);
             });

  // A second clinician co-signs a version pending for an overridden hard stop.
  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/cosign",
             [&regimens](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               JsonReader r(*body);
               int base_version = 0;
               app::Cosignature sign;
               Status st = r.Get("base_version", &base_version, Need::kRequired);
               if (st.ok()) st = r.Get("reason", &sign.reason, Need::kRequired);
               if (st.ok()) st = r.Get("protocol", &sign.protocol);
               if (st.ok()) st = r.RejectUnknown();
               if (!st.ok()) return ErrorResponse(st);
               app::ScreeningReport report;
               auto signed_regimen = regimens.CosignRegimen(
                   ActorFor(req), PatientId(*id), RegimenId(*rid), base_version, sign, &report);
               return RegimenChangeResponse(signed_regimen, report, regimens.catalog());
             });
}

}  // namespace pineal::http
