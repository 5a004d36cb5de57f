// Screening and the knowledge base: POST /api/v1/screen (stateless),
// /api/v1/patients/{id}/screen, and /api/v1/kb/... to browse the evidence.
#include <algorithm>

#include "pineal/app/regimen_care.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"
#include "pineal/json/safety_json.h"
#include "pineal/kb/names.h"

namespace pineal::http {
namespace {

using nlohmann::json;

HttpResponse NoCatalog() {
  return ErrorResponse(Status::Unavailable("the knowledge base is not loaded"));
}

}  // namespace

json ScreeningReportJson(const app::ScreeningReport& report, const kb::Catalog& catalog) {
  json j = ScreeningToJson(report.findings, catalog);
  j["overrides"] = OverrideEvaluationToJson(report.evaluation);
  return j;
}

void AddScreeningRoutes(Router& router, app::RegimenCare& regimens) {
  // {"patient": <snapshot>, "regimens": [<regimen>, ...]}
  router.Add("POST", "/api/v1/screen", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    JsonReader r(*body);
    const json* patient = r.Raw("patient");
    const json* proposed = r.Raw("regimens");
    if (Status st = r.RejectUnknown(); !st.ok()) return ErrorResponse(st);
    if (patient == nullptr || !patient->is_object()) {
      return ErrorResponse(Status::InvalidArgument("is required: the patient snapshot", "patient"));
    }
    auto snapshot = PatientFromJson(*patient);
    if (!snapshot.ok()) return ErrorResponse(snapshot.status().WithFieldPrefix("patient"));
    std::vector<safety::ProposedRegimen> proposals;
    if (proposed != nullptr && !proposed->is_null()) {
      auto parsed = RegimensFromJson(*proposed, "regimens");
      if (!parsed.ok()) return ErrorResponse(parsed.status());
      proposals = *parsed;
    }
    auto findings = regimens.ScreenSnapshot(ActorFor(req), *snapshot, proposals);
    return Respond(findings,
                   [&](const auto& f) { return ScreeningToJson(f, *regimens.catalog()); });
  });

  // A regimen as it would be proposed (the same body as creating one):
  // its findings, before anything is stored.
  router.Add("POST", "/api/v1/patients/{id}/screen", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    records::RegimenVersion draft;
    std::string substance;
    std::optional<std::int64_t> replacing;
    json copy = *body;
    if (copy.contains("replacing_regimen_id")) {
      JsonReader rr(copy);
      if (Status st = rr.Get("replacing_regimen_id", &replacing); !st.ok())
        return ErrorResponse(st);
      copy.erase("replacing_regimen_id");
    }
    Status st = ApplyRegimenVersionJson(copy, &draft, &substance, nullptr);
    if (!st.ok()) return ErrorResponse(st);
    auto report =
        regimens.ScreenProposal(ActorFor(req), PatientId(*id), substance, draft,
                                replacing ? std::optional(RegimenId(*replacing)) : std::nullopt);
    return Respond(report,
                   [&](const auto& r) { return ScreeningReportJson(r, *regimens.catalog()); });
  });

  router.Add("GET", "/api/v1/patients/{id}/screen", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(regimens.ScreenCurrent(ActorFor(req), PatientId(*id)),
                   [&](const auto& f) { return ScreeningToJson(f, *regimens.catalog()); });
  });

  // Knowledge base browsing: any logged-in user.
  router.Add("GET", "/api/v1/kb/substances", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    const std::string q = kb::NormalizeName(req.Query("q").value_or(""));
    json items = json::array();
    for (const kb::Substance& s : regimens.catalog()->substances()) {
      bool match = q.empty() || kb::NormalizeName(s.name).find(q) != std::string::npos ||
                   kb::NormalizeName(s.id).find(q) != std::string::npos;
      for (const auto& n : s.synonyms)
        match = match || kb::NormalizeName(n).find(q) != std::string::npos;
      for (const auto& n : s.brands)
        match = match || kb::NormalizeName(n).find(q) != std::string::npos;
      if (match) {
        items.push_back({{"id", s.id}, {"name", s.name}, {"kind", s.kind}, {"classes", s.classes}});
      }
    }
    return JsonResponse(200, {{"items", items}});
  });

  router.Add("GET", "/api/v1/kb/substances/{name}", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    auto s = regimens.catalog()->ResolveSubstance(req.path_params.at("name"));
    if (!s) {
      return ErrorResponse(Status::NotFound("the knowledge base has no substance named '" +
                                            req.path_params.at("name") + "'"));
    }
    return JsonResponse(200, SubstanceToJson(*regimens.catalog(), *s));
  });

  router.Add("GET", "/api/v1/kb/references/{ref}", [&regimens](const HttpRequest& req) {
    if (regimens.catalog() == nullptr) return NoCatalog();
    const kb::Reference* r = regimens.catalog()->FindReference(req.path_params.at("ref"));
    if (r == nullptr) return ErrorResponse(Status::NotFound("no reference with that id"));
    return JsonResponse(200, ReferenceToJson(*r));
  });
}

}  // namespace pineal::http
