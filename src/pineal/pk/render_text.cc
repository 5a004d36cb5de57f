#include "pineal/pk/render_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace pineal::pk {
namespace {

std::string Plot(const SimulationResult& r, const RenderOptions& o) {
  const int w = std::max(20, o.width - 11), h = std::max(6, o.height);
  const LogRange range = PlotRange(r);
  const double lg_lo = std::log10(range.lo), lg_hi = std::log10(range.hi);
  auto row_of = [&](double c) {
    if (!(c > range.lo)) return h - 1;
    const double f = (std::log10(c) - lg_lo) / (lg_hi - lg_lo);
    return std::clamp(static_cast<int>(std::lround((1.0 - f) * (h - 1))), 0, h - 1);
  };
  std::vector<std::string> canvas(h, std::string(w, ' '));
  const auto* bands = Bands(r);
  const std::size_t n = r.typical_mg_per_l.size();
  for (int col = 0; col < w; ++col) {
    const std::size_t i0 = col * n / w, i1 = std::max(i0 + 1, (col + 1) * n / w);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double typical = 0, p5 = kInf, p95 = 0, p25 = kInf, p75 = 0;
    for (std::size_t i = i0; i < i1 && i < n; ++i) {
      typical = std::max(typical, r.typical_mg_per_l[i]);
      if (bands) {
        p5 = std::min(p5, (*bands)[0][i]);
        p25 = std::min(p25, (*bands)[1][i]);
        p75 = std::max(p75, (*bands)[3][i]);
        p95 = std::max(p95, (*bands)[4][i]);
      }
    }
    if (r.endogenous_day_mg_per_l) canvas[row_of(*r.endogenous_day_mg_per_l)][col] = '-';
    if (r.endogenous_peak_mg_per_l) canvas[row_of(*r.endogenous_peak_mg_per_l)][col] = '=';
    if (bands && p95 > range.lo) {
      for (int y = row_of(p95); y <= row_of(p5); ++y) canvas[y][col] = '.';
      for (int y = row_of(p75); y <= row_of(p25); ++y) canvas[y][col] = ':';
    }
    if (typical > range.lo) canvas[row_of(typical)][col] = '*';
  }
  std::string out = fmt::format("  {} (log scale)\n", r.display_unit);
  for (int y = 0; y < h; ++y) {
    const double at = std::pow(10.0, lg_hi - (lg_hi - lg_lo) * y / (h - 1));
    const bool decade =
        std::fabs(std::log10(at) - std::round(std::log10(at))) < 0.5 * (lg_hi - lg_lo) / (h - 1);
    const std::string label =
        decade ? FormatNumber(std::pow(10.0, std::round(std::log10(at))) * r.display_per_mg_per_l)
               : "";
    out += fmt::format("{:>9} |{}\n", label, canvas[y]);
  }
  out += fmt::format("{:>9} +{}\n", "", std::string(w, '-'));
  // Tick labels at round intervals: clock times, or days from the first dose.
  std::string labels(w + 12, ' ');
  const double horizon = r.grid.TimeAt(r.grid.count - 1);
  const bool days = horizon > 48;
  double step = 1;
  for (double s : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 96.0, 168.0, 336.0, 720.0}) {
    step = s;
    if (horizon / s <= 6) break;
  }
  int free_from = 0;
  for (double t = 0; t <= horizon + 1e-9; t += step) {
    const int col = static_cast<int>(std::lround(t / horizon * (w - 1)));
    const std::string text =
        days ? fmt::format("day {:g}", t / 24 + 1) : FormatClock(t, r.start_clock_h, false);
    const int at = std::max(free_from, 11 + col - static_cast<int>(text.size()) / 2);
    if (at + static_cast<int>(text.size()) > static_cast<int>(labels.size())) break;
    labels.replace(at, text.size(), text);
    free_from = at + static_cast<int>(text.size()) + 1;
  }
  out += labels + "\n";
  out += "  * typical individual";
  if (bands) out += "   : 25th-75th percentile   . 5th-95th percentile";
  if (r.endogenous_peak_mg_per_l) out += "\n  = endogenous night peak   - endogenous day level";
  return out + "\n";
}

// "  label ........ typical   median (5th - 95th)"
std::string Row(const std::string& label, const std::string& typical, const Distribution* d,
                const SimulationResult& r, bool concentration) {
  std::string pop;
  if (d != nullptr && d->at_percentiles.size() == 5) {
    auto f = [&](double v) {
      return concentration ? FormatNumber(v * r.display_per_mg_per_l) : FormatDuration(v);
    };
    pop = fmt::format("{} ({} - {})", f(d->at_percentiles[2]), f(d->at_percentiles[0]),
                      f(d->at_percentiles[4]));
  }
  return fmt::format("  {:<52} {:<18} {}\n", label, typical, pop);
}

}  // namespace

std::string RenderText(const SimulationResult& r, const RenderOptions& o) {
  std::string out;
  if (!o.title.empty()) out += o.title + "\n";
  out += fmt::format("{} in plasma ({}, {})\n\n", r.analyte, r.formulation_label,
                     r.variant.empty() ? "typical values" : "variant " + r.variant);
  out += Plot(r, o) + "\n";
  const auto& m = r.metrics;
  const PopulationResult* pop = r.population ? &*r.population : nullptr;
  out += fmt::format(
      "  {:<52} {:<18} {}\n", "", "typical",
      pop ? fmt::format("population median (5th - 95th), n = {}", pop->subjects_ok) : "");
  out += Row("Peak (Cmax)", FormatConcentration(m.peak.value_mg_per_l, r),
             pop ? &pop->cmax_mg_per_l : nullptr, r, true);
  out +=
      Row("  at", FormatClock(m.peak.time_h, r.start_clock_h, r.grid.TimeAt(r.grid.count - 1) > 48),
          nullptr, r, false);
  if (m.trough) {
    out += Row("Trough (last dosing interval)", FormatConcentration(m.trough->value_mg_per_l, r),
               pop ? &pop->cmin_window_mg_per_l : nullptr, r, true);
  }
  const std::string wake = FormatClock(m.first_wake_h, r.start_clock_h, false);
  out += Row("At " + wake + " after the first dose", FormatConcentration(m.first_wake_mg_per_l, r),
             pop ? &pop->probes_mg_per_l[0] : nullptr, r, true);
  if (m.last_wake_h != m.first_wake_h) {
    out += Row("At " + wake + " after the last dose", FormatConcentration(m.last_wake_mg_per_l, r),
               pop ? &pop->probes_mg_per_l[1] : nullptr, r, true);
  }
  if (m.peak_to_endogenous_peak) {
    out += Row(
        fmt::format("Cmax / endogenous night peak ({}, age {:g})",
                    FormatConcentration(*r.endogenous_peak_mg_per_l, r), r.endogenous_age_years),
        FormatNumber(*m.peak_to_endogenous_peak) + "x", nullptr, r, false);
  }
  if (m.last_wake_to_endogenous_day) {
    out += Row(fmt::format("Morning residual / endogenous day level ({})",
                           FormatConcentration(*r.endogenous_day_mg_per_l, r)),
               FormatNumber(*m.last_wake_to_endogenous_day) + "x", nullptr, r, false);
  }
  out +=
      Row(m.interval_h ? "AUC over the last dosing interval" : "AUC over 24 h after the last dose",
          FormatNumber(m.auc_last_interval_mg_h_per_l * r.display_per_mg_per_l) + " " +
              r.display_unit + "*h",
          nullptr, r, false);
  out += Row("Terminal half-life", FormatDuration(m.terminal_half_life_h), nullptr, r, false);
  if (m.accumulation_ratio) {
    out += Row(fmt::format("Accumulation ratio (every {})", FormatDuration(*m.interval_h)),
               FormatNumber(*m.accumulation_ratio), nullptr, r, false);
    out += Row("Time to 90% of steady state (AUC per interval)",
               FormatDuration(*m.time_to_90_steady_state_h), nullptr, r, false);
    if (m.trough_approach) {
      out += Row("Time to 90% of steady state (trough)",
                 FormatDuration(m.trough_approach->time_to_90_h), nullptr, r, false);
      out += Row("Steady-state trough / first trough", FormatNumber(m.trough_approach->ratio),
                 nullptr, r, false);
    }
  }
  if (m.time_above_threshold_h) {
    out += Row("Time above threshold (last interval)", FormatDuration(*m.time_above_threshold_h),
               pop ? &pop->time_above_h : nullptr, r, false);
  }
  for (const auto& s : r.sensitivity) {
    out += fmt::format(
        "\n  Sensitivity, {} [{}]:\n    Cmax {}, {} at {} after the last dose, "
        "terminal half-life {}\n",
        s.label, fmt::join(s.refs, ", "), FormatConcentration(s.metrics.peak.value_mg_per_l, r),
        FormatConcentration(s.metrics.last_wake_mg_per_l, r), wake,
        FormatDuration(s.metrics.terminal_half_life_h));
    if (s.metrics.trough) {
      out +=
          fmt::format("    trough {}\n", FormatConcentration(s.metrics.trough->value_mg_per_l, r));
    }
  }
  const auto notes = NoteLines(r);
  if (!notes.empty()) out += "\nNotes:\n";
  for (const auto& line : notes) out += "  - " + line + "\n";
  if (pop) {
    out += fmt::format(
        "\nPopulation: {} subjects simulated ({} excluded for invalid draws), "
        "{} thread(s)\n",
        pop->subjects_ok + pop->subjects_failed, pop->subjects_failed, pop->threads_used);
  }
  out += fmt::format("References: {}\n", fmt::join(r.model_refs, ", "));
  return out;
}

}  // namespace pineal::pk
