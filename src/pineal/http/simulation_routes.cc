// Pharmacokinetics: POST /api/v1/simulate (a regimen as written) and
// GET /api/v1/patients/{id}/prediction (the patient's dose log).
// Both answer JSON, or ?format=svg|csv for the plot and the curve.
#include <charconv>

#include "pineal/app/modelling.h"
#include "pineal/http/api_routes.h"
#include "pineal/http/route_support.h"
#include "pineal/json/simulation_json.h"
#include "pineal/app/simulation_spec.h"

namespace pineal::http {
namespace {

Result<std::string> FormatFrom(const HttpRequest& req) {
  const std::string f = req.Query("format").value_or("json");
  if (f == "json" || f == "svg" || f == "csv") return f;
  return Status::InvalidArgument("'" + f + "' is not one of json, svg, csv", "format");
}

Status IntFromQuery(const HttpRequest& req, const char* name, long long* out) {
  auto text = req.Query(name);
  if (!text) return Status::Ok();
  long long v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Status::InvalidArgument("'" + *text + "' is not a whole number", name);
  }
  *out = v;
  return Status::Ok();
}

// JSON unless the caller asked for the plot or the curve as a table.
HttpResponse Rendered(const std::string& format, const pk::SimulationResult& result,
                      const std::string& title, nlohmann::json json_body) {
  if (format == "json") return JsonResponse(200, json_body);
  auto text = app::RenderSimulation(result, format, title);
  if (!text.ok()) return ErrorResponse(text.status());
  HttpResponse out;
  out.content_type = format == "svg" ? "image/svg+xml" : "text/csv; charset=utf-8";
  out.body = std::move(*text);
  return out;
}

Result<app::PredictionQuery> PredictionQueryFrom(const HttpRequest& req) {
  app::PredictionQuery q;
  if (auto s = req.Query("substance")) q.substance = *s;
  if (auto w = req.Query("wake")) q.wake = *w;
  long long days = q.days, subjects = q.subjects, seed = 1;
  PINEAL_RETURN_IF_ERROR(IntFromQuery(req, "days", &days));
  PINEAL_RETURN_IF_ERROR(IntFromQuery(req, "subjects", &subjects));
  PINEAL_RETURN_IF_ERROR(IntFromQuery(req, "seed", &seed));
  // Out-of-range values are clamped only far enough to be rejected by the use case.
  q.days = static_cast<int>(std::clamp<long long>(days, -1, 1 << 20));
  q.subjects = static_cast<int>(std::clamp<long long>(subjects, -1, 1 << 20));
  if (seed < 0) return Status::InvalidArgument("must be 0 or more", "seed");
  q.seed = static_cast<std::uint64_t>(seed);
  return q;
}

// The regimen of a POST body. A request shares the server with everyone
// else: one thread and a bounded population.
Result<app::SimulationSpec> SpecFromBody(const nlohmann::json& body) {
  PINEAL_ASSIGN_OR_RETURN(app::SimulationSpec spec, SimulationSpecFromJson(body));
  spec.threads = 1;
  if (spec.subjects > app::kMaxPredictionSubjects) {
    return Status::InvalidArgument(
        "at most " + std::to_string(app::kMaxPredictionSubjects) +
            " subjects per request; use `pineal simulate` for larger populations",
        "subjects");
  }
  return spec;
}

// Both POST routes: the body as a regimen, run, answered in the asked format.
// With `from_record` the covariates come from the patient's record, so the
// body may not give its own.
template <typename Run>
HttpResponse AnswerSimulation(const HttpRequest& req, bool from_record, Run run) {
  auto format = FormatFrom(req);
  if (!format.ok()) return ErrorResponse(format.status());
  auto body = JsonBody(req);
  if (!body.ok()) return ErrorResponse(body.status());
  if (from_record && body->contains("patient")) {
    return ErrorResponse(Status::InvalidArgument(
        "comes from the patient's record here; leave it out, or use POST /api/v1/simulate",
        "patient"));
  }
  auto spec = SpecFromBody(*body);
  if (!spec.ok()) return ErrorResponse(spec.status());
  std::string title;
  auto result = run(*spec, &title);
  if (!result.ok()) return ErrorResponse(result.status());
  return Rendered(*format, *result, title, SimulationJson(*result, title));
}

}  // namespace

void AddSimulationRoutes(Router& router, app::Modelling& modelling) {
  router.Add("POST", "/api/v1/simulate", [&modelling](const HttpRequest& req) {
    return AnswerSimulation(req, false, [&](const app::SimulationSpec& spec, std::string* title) {
      return modelling.Simulate(ActorFor(req), spec, title);
    });
  });

  // "What would this regimen do for this patient?"
  router.Add("POST", "/api/v1/patients/{id}/simulate", [&modelling](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return AnswerSimulation(req, true, [&](const app::SimulationSpec& spec, std::string* title) {
      return modelling.SimulateForPatient(ActorFor(req), PatientId(*id), spec, title);
    });
  });

  router.Add("GET", "/api/v1/patients/{id}/prediction", [&modelling](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto format = FormatFrom(req);
    if (!format.ok()) return ErrorResponse(format.status());
    auto query = PredictionQueryFrom(req);
    if (!query.ok()) return ErrorResponse(query.status());
    auto p = modelling.PredictConcentrations(ActorFor(req), PatientId(*id), *query);
    if (!p.ok()) return ErrorResponse(p.status());
    return Rendered(*format, p->result, p->title, PredictionJson(*p));
  });
}

}  // namespace pineal::http
