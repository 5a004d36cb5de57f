// Circadian timing: POST /api/v1/plans/jetlag and /api/v1/plans/shift (a plan
// as written, nothing stored; ?format=json|svg|ics) and
// GET /api/v1/circadian/prc?dose=3 mg | ?light=true (the model's PRC).
#include "pineal/app/circadian_plans.h"
#include "pineal/app/modelling.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/circadian_json.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

HttpResponse NoModels() {
  return ErrorResponse(Status::Unavailable("the circadian models are not loaded"));
}

Result<std::string> FormatFrom(const HttpRequest& req, bool svg) {
  const std::string f = req.Query("format").value_or("json");
  if (f == "json" || f == "ics" || (svg && f == "svg")) return f;
  return Status::InvalidArgument(
      "'" + f + (svg ? "' is not one of json, svg, ics" : "' is not one of json, ics"), "format");
}

HttpResponse Text(const std::string& type, std::string body) {
  HttpResponse out;
  out.content_type = type;
  out.body = std::move(body);
  return out;
}

}  // namespace

namespace {
// A trip as JSON, or rendered as svg or ics.
HttpResponse TripResponse(const circadian::JetLagPlan& plan, const std::string& format,
                          Instant now) {
  if (format == "json") return JsonResponse(200, JetLagPlanJson(plan));
  auto text = app::RenderTrip(plan, format, now);
  if (!text.ok()) return ErrorResponse(text.status());
  return Text(format == "svg" ? "image/svg+xml" : "text/calendar; charset=utf-8", *text);
}

nlohmann::json PlanRecordJson(const store::CircadianPlanRecord& r) {
  return {{"id", r.id},
          {"patient_id", r.patient_id.value()},
          {"kind", r.kind},
          {"title", r.title},
          {"created_at", FormatInstant(r.provenance.created_at)},
          {"created_by", r.provenance.created_by},
          {"request", nlohmann::json::parse(r.request_json, nullptr, false)},
          {"plan", nlohmann::json::parse(r.plan_json, nullptr, false)},
          {"screening", RecordedScreeningJson(r.findings, r.overrides)}};
}

// Plans a trip from a request body (JSON fields of JetLagSpecFromJson).
Result<circadian::JetLagPlan> PlanTrip(const kb::CircadianCatalog& catalog,
                                       const nlohmann::json& body) {
  PINEAL_ASSIGN_OR_RETURN(app::JetLagSpec spec, JetLagSpecFromJson(body));
  return app::PlanTrip(catalog, spec);
}

Result<circadian::RotaPlan> PlanShifts(const kb::CircadianCatalog& catalog,
                                       const nlohmann::json& body) {
  PINEAL_ASSIGN_OR_RETURN(app::ShiftSpec spec, ShiftSpecFromJson(body));
  return app::PlanShifts(catalog, spec);
}

// POST /api/v1/patients/{id}/plans/{kind}: planned, screened and kept; a
// blocking finding answers 409 with the screening, like a regimen.
HttpResponse SavePatientPlan(app::Modelling& modelling, const HttpRequest& req, const char* kind) {
  auto id = PathId(req, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = JsonBody(req);
  if (!body.ok()) return ErrorResponse(body.status());
  auto request = PatientPlanRequestFromJson(*body, kind);
  if (!request.ok()) return ErrorResponse(request.status());
  app::ScreeningReport report;
  auto saved = modelling.SavePatientPlan(ActorFor(req), PatientId(*id), std::move(*request),
                                         PlanDocumentEncoders(), &report);
  // The plan as kept carries its screening; a refusal carries the live one.
  if (saved.ok()) return JsonResponse(201, PlanRecordJson(*saved));
  return ScreenedChangeResponse(saved.status(), report, modelling.knowledge().safety, {}, 201);
}

}  // namespace

void AddCircadianRoutes(Router& router, app::Modelling& modelling) {
  router.Add("POST", "/api/v1/plans/jetlag", [&modelling](const HttpRequest& req) {
    const kb::CircadianCatalog* catalog = modelling.knowledge().circadian;
    if (catalog == nullptr) return NoModels();
    auto format = FormatFrom(req, true);
    if (!format.ok()) return ErrorResponse(format.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    auto plan = PlanTrip(*catalog, *body);
    if (!plan.ok()) return ErrorResponse(plan.status());
    return TripResponse(*plan, *format, modelling.clock().Now());
  });

  router.Add("POST", "/api/v1/plans/shift", [&modelling](const HttpRequest& req) {
    const kb::CircadianCatalog* catalog = modelling.knowledge().circadian;
    if (catalog == nullptr) return NoModels();
    auto format = FormatFrom(req, false);
    if (!format.ok()) return ErrorResponse(format.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    auto plan = PlanShifts(*catalog, *body);
    if (!plan.ok()) return ErrorResponse(plan.status());
    if (*format == "ics") {
      auto text = app::RenderShifts(*plan, "ics", modelling.clock().Now());
      if (!text.ok()) return ErrorResponse(text.status());
      return Text("text/calendar; charset=utf-8", *text);
    }
    return JsonResponse(200, RotaPlanJson(*plan));
  });

  router.Add("GET", "/api/v1/circadian/prc", [&modelling](const HttpRequest& req) {
    const kb::CircadianCatalog* catalog = modelling.knowledge().circadian;
    if (catalog == nullptr) return NoModels();
    app::PrcSpec spec;
    spec.dose = req.Query("dose").value_or("");
    auto light = FlagFromQuery(req, "light");
    if (!light.ok()) return ErrorResponse(light.status());
    spec.light = *light;
    if (auto f = req.Query("formulation")) spec.formulation = *f;
    if (auto m = req.Query("model")) spec.model = *m;
    if (auto step = req.Query("step")) {
      try {
        std::size_t used = 0;
        spec.step_h = std::stod(*step, &used);
        if (used != step->size()) throw std::invalid_argument(*step);
      } catch (const std::exception&) {
        return ErrorResponse(
            Status::InvalidArgument("'" + *step + "' is not a number of hours", "step"));
      }
    }
    auto prc = app::ComputePrc(*catalog, spec);
    return Respond(prc, [](const app::PrcResult& p) { return PrcJson(p); });
  });

  router.Add("POST", "/api/v1/patients/{id}/plans/jetlag", [&modelling](const HttpRequest& req) {
    return SavePatientPlan(modelling, req, "jetlag");
  });
  router.Add("POST", "/api/v1/patients/{id}/plans/shift", [&modelling](const HttpRequest& req) {
    return SavePatientPlan(modelling, req, "shift");
  });

  router.Add("GET", "/api/v1/patients/{id}/plans", [&modelling](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto plans = modelling.ListCircadianPlans(ActorFor(req), PatientId(*id));
    return Respond(plans, [](const std::vector<store::CircadianPlanRecord>& list) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& p : list) items.push_back(PlanRecordJson(p));
      return nlohmann::json{{"items", items}};
    });
  });

  // One stored plan; ?format=svg|ics renders a trip again from its stored
  // request (the planner is deterministic).
  router.Add("GET", "/api/v1/patients/{id}/plans/{pid}", [&modelling](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto pid = PathId(req, "pid");
    if (!pid.ok()) return ErrorResponse(pid.status());
    auto format = FormatFrom(req, true);
    if (!format.ok()) return ErrorResponse(format.status());
    auto record = modelling.GetCircadianPlan(ActorFor(req), PatientId(*id), *pid);
    if (!record.ok()) return ErrorResponse(record.status());
    if (*format == "json") return JsonResponse(200, PlanRecordJson(*record));
    const kb::CircadianCatalog* catalog = modelling.knowledge().circadian;
    if (catalog == nullptr) return NoModels();
    if (record->kind != "jetlag") {
      return ErrorResponse(
          Status::InvalidArgument("only trips have a plot or calendar here; "
                                  "use format=json",
                                  "format"));
    }
    auto plan = PlanTrip(*catalog, nlohmann::json::parse(record->request_json));
    if (!plan.ok()) return ErrorResponse(plan.status());
    return TripResponse(*plan, *format, record->provenance.created_at);
  });
}

}  // namespace pineal::http
