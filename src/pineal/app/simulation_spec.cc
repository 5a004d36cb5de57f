#include "pineal/app/simulation_spec.h"

#include <fmt/format.h>

#include <cmath>

#include "pineal/core/quantity.h"
#include "pineal/pk/render_csv.h"
#include "pineal/pk/render_svg.h"
#include "pineal/pk/render_text.h"
#include "pineal/core/time.h"

namespace pineal::app {
namespace {

struct Fields {
  const std::string& prefix;
  Status Bad(const char* field, const std::string& what) const {
    const std::string name = prefix + field;
    return Status::InvalidArgument(name + ": " + what, name);
  }
};

double ClockHours(TimeOfDay t) { return t.minutes / 60.0; }

Result<double> ParseHours(const Fields& f, const char* field, const std::string& text) {
  auto d = Duration::Parse(text);
  if (!d.ok()) return f.Bad(field, d.status().message());
  if (!(d->base() > 0)) return f.Bad(field, "must be longer than 0");
  return d->base();
}

}  // namespace

Result<double> ParseContentMgPerG(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return Status::InvalidArgument("'" + text +
                                   "' is not a number with a unit; e.g. \"15 mg/g\" or \"1.5%\"");
  }
  std::string unit = text.substr(used);
  unit.erase(0, unit.find_first_not_of(' '));
  if (!(value > 0) || !std::isfinite(value)) {
    return Status::InvalidArgument("'" + text + "' must be a content above 0");
  }
  if (unit == "mg/g") return value;
  if (unit == "%") return value * 10.0;
  return Status::InvalidArgument("unit '" + unit +
                                 "' not allowed; use mg/g or % (e.g. \"15 mg/g\")");
}

Result<pk::SimulationRequest> BuildSimulationRequest(const SimulationSpec& s, std::string* title) {
  const Fields f{s.field_prefix};
  pk::SimulationRequest r;
  if (s.substance.empty()) return f.Bad("substance", "is required: melatonin or kratom");
  r.substance = s.substance;
  r.formulation = s.formulation;
  r.variant = s.variant;
  r.patient = s.patient;
  if (s.dose.empty()) return f.Bad("dose", "is required, e.g. \"3 mg\"");
  auto dose = Mass::Parse(s.dose);
  if (!dose.ok()) return f.Bad("dose", dose.status().message());
  auto at = ParseTimeOfDay(s.at);
  if (!at.ok()) return f.Bad("at", at.status().message());
  r.start_clock_h = ClockHours(*at);
  if (!s.wake.empty()) {
    auto w = ParseTimeOfDay(s.wake);
    if (!w.ok()) return f.Bad("wake", w.status().message());
    r.wake_clock_h = ClockHours(*w);
  }
  if (!s.content.empty()) {
    auto content = ParseContentMgPerG(s.content);
    if (!content.ok()) return f.Bad("content", content.status().message());
    r.content_mg_per_g = *content;
  }
  if (!s.threshold.empty()) {
    auto c = Concentration::Parse(s.threshold);
    if (!c.ok()) return f.Bad("threshold", c.status().message());
    r.threshold_mg_per_l = c->base();
  }
  int count = 1;
  double every = 24.0;
  if (!s.every.empty()) {
    PINEAL_ASSIGN_OR_RETURN(every, ParseHours(f, "every", s.every));
    double span = 14 * 24.0;
    if (!s.for_duration.empty()) {
      PINEAL_ASSIGN_OR_RETURN(span, ParseHours(f, "for", s.for_duration));
    }
    const double n = std::floor(span / every - 1e-9) + 1;
    if (n > kMaxDoses) {
      return f.Bad("for", fmt::format("more than {} doses; shorten the regimen", kMaxDoses));
    }
    count = static_cast<int>(n);
  } else if (!s.for_duration.empty()) {
    return f.Bad("for", "needs " + s.field_prefix + "every (how often the dose is taken)");
  }
  r.doses = pk::RegularDoses(0.0, every, count, dose->base());
  for (int n : s.missed) {
    if (n < 1 || n > count) {
      return f.Bad("missed",
                   fmt::format("dose {} does not exist; the regimen has doses 1 to {}", n, count));
    }
    r.doses[n - 1].taken = false;
  }
  if (s.subjects < 0 || s.subjects > kMaxSubjects) {
    return f.Bad("subjects", fmt::format("must be 0 (typical only) to {}", kMaxSubjects));
  }
  r.subjects = s.subjects;
  r.seed = s.seed;
  r.threads = s.threads;
  if (title != nullptr) {
    *title = fmt::format("{} {}{} at {}", s.substance, dose->ToString(),
                         s.formulation.empty() ? "" : " " + s.formulation, FormatTimeOfDay(*at));
    if (count > 1) *title += fmt::format(", every {} x {} doses", s.every, count);
    if (r.patient.age_years) *title += fmt::format(", age {:g}", *r.patient.age_years);
    if (r.patient.sex) *title += ", " + *r.patient.sex;
  }
  return r;
}

Result<pk::SimulationResult> SimulateStandalone(const kb::PkCatalog& catalog,
                                                const SimulationSpec& spec,
                                                std::function<void(double)> progress,
                                                std::string* title) {
  PINEAL_ASSIGN_OR_RETURN(pk::SimulationRequest request, BuildSimulationRequest(spec, title));
  request.progress = std::move(progress);
  return pk::Simulate(catalog, request);
}

Result<std::string> RenderSimulation(const pk::SimulationResult& result, std::string_view format,
                                     const std::string& title) {
  pk::RenderOptions options;
  options.title = title;
  if (format == "text") return pk::RenderText(result, options);
  if (format == "csv") return pk::RenderCsv(result);
  if (format == "svg") return pk::RenderSvg(result, options);
  return Status::InvalidArgument("'" + std::string(format) + "' is not one of text, csv, svg",
                                 "format");
}

}  // namespace pineal::app
