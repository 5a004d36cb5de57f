#include "pineal/pk/render_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pineal/core/text.h"

namespace pineal::pk {
namespace {

constexpr double kW = 900, kH = 580, kLeft = 90, kRight = 30, kTop = 78, kBottom = 136;
constexpr double kPlotW = kW - kLeft - kRight, kPlotH = kH - kTop - kBottom;
constexpr const char* kBlue = "#1f5fa8";

struct Axes {
  double t_max, lg_lo, lg_hi;
  double X(double t) const { return kLeft + kPlotW * t / t_max; }
  double Y(double c) const {
    const double lg = c > 0 ? std::clamp(std::log10(c), lg_lo, lg_hi) : lg_lo;
    return kTop + kPlotH * (1.0 - (lg - lg_lo) / (lg_hi - lg_lo));
  }
};

// Indices to draw: all points, or per pixel column its first, lowest, highest
// and last point (keeps every peak and trough of a long grid).
std::vector<std::size_t> Decimate(const std::vector<double>& y, std::size_t columns) {
  std::vector<std::size_t> idx;
  const std::size_t n = y.size();
  if (n <= 2 * columns) {
    for (std::size_t i = 0; i < n; ++i) idx.push_back(i);
    return idx;
  }
  for (std::size_t c = 0; c < columns; ++c) {
    const std::size_t a = c * n / columns, b = std::max(a + 1, (c + 1) * n / columns);
    std::size_t lo = a, hi = a;
    for (std::size_t i = a; i < b; ++i) {
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
    }
    for (std::size_t i : {a, std::min(lo, hi), std::max(lo, hi), b - 1}) {
      if (idx.empty() || idx.back() < i) idx.push_back(i);
    }
  }
  return idx;
}

std::string Polyline(const Axes& ax, const SimulationResult& r, const std::vector<double>& y) {
  std::string pts;
  for (std::size_t i : Decimate(y, static_cast<std::size_t>(kPlotW))) {
    pts += fmt::format("{:.1f},{:.1f} ", ax.X(r.grid.TimeAt(i)), ax.Y(y[i]));
  }
  return pts;
}

std::string Band(const Axes& ax, const SimulationResult& r, const std::vector<double>& lo,
                 const std::vector<double>& hi, double opacity) {
  std::string pts = Polyline(ax, r, hi);
  const auto idx = Decimate(lo, static_cast<std::size_t>(kPlotW));
  for (auto it = idx.rbegin(); it != idx.rend(); ++it) {
    pts += fmt::format("{:.1f},{:.1f} ", ax.X(r.grid.TimeAt(*it)), ax.Y(lo[*it]));
  }
  return fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"none\"/>\n",
                     pts, kBlue, opacity);
}

std::string AxesAndGrid(const Axes& ax, const SimulationResult& r) {
  std::string s;
  for (int d = static_cast<int>(std::round(ax.lg_lo)); d <= static_cast<int>(std::round(ax.lg_hi));
       ++d) {
    const double y = ax.Y(std::pow(10.0, d));
    s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d0d0d0\"/>\n",
                     kLeft, kLeft + kPlotW, y, y);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" dy=\"4\">{}</text>\n",
                     kLeft - 8, y, FormatTick(std::pow(10.0, d) * r.display_per_mg_per_l));
    for (int k = 2; k <= 9 && d < ax.lg_hi; ++k) {
      const double ym = ax.Y(k * std::pow(10.0, d));
      s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#555\"/>\n",
                       kLeft - 4, kLeft, ym, ym);
    }
  }
  const double horizon = ax.t_max;
  const bool days = horizon > 48;
  double step = 1;
  for (double s_h : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0}) {
    step = s_h;
    if (horizon / s_h <= 10) break;
  }
  for (double t = 0; t <= horizon + 1e-9; t += step) {
    const double x = ax.X(t);
    s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>\n", x,
                     x, kTop + kPlotH, kTop + kPlotH + 5);
    const std::string label =
        days ? fmt::format("day {:g}", t / 24.0 + 1) : FormatClock(t, r.start_clock_h, false);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x,
                     kTop + kPlotH + 20, label);
  }
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
      "stroke=\"#333\"/>\n",
      kLeft, kTop, kPlotW, kPlotH);
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", kLeft + kPlotW / 2,
                   kTop + kPlotH + 42, days ? "days from the first dose" : "local clock time");
  s += fmt::format(
      "<text transform=\"translate(22,{}) rotate(-90)\" text-anchor=\"middle\">{} "
      "({}, log scale)</text>\n",
      kTop + kPlotH / 2, XmlEscape(r.analyte), XmlEscape(r.display_unit));
  return s;
}

}  // namespace

std::string RenderSvg(const SimulationResult& r, const RenderOptions& o) {
  const LogRange range = PlotRange(r);
  const Axes ax{r.grid.TimeAt(r.grid.count - 1), std::log10(range.lo), std::log10(range.hi)};
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#222\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kW, kH);
  s += fmt::format("<text x=\"{}\" y=\"30\" font-size=\"18\" font-weight=\"bold\">{}</text>\n",
                   kLeft, XmlEscape(o.title.empty() ? r.substance : o.title));
  s += fmt::format(
      "<text x=\"{}\" y=\"52\" font-size=\"13\" fill=\"#555\">{} in plasma, {}{}</text>\n", kLeft,
      XmlEscape(r.analyte), XmlEscape(r.formulation_label),
      r.population
          ? fmt::format("; population of {} (seed-reproducible)", r.population->subjects_ok)
          : "");
  s += fmt::format(
      "<clipPath id=\"plot\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
      "</clipPath>\n",
      kLeft, kTop, kPlotW, kPlotH);
  s += "<g clip-path=\"url(#plot)\">\n";
  if (r.endogenous_day_mg_per_l && r.endogenous_peak_mg_per_l) {
    const double y1 = ax.Y(*r.endogenous_peak_mg_per_l), y0 = ax.Y(*r.endogenous_day_mg_per_l);
    s += fmt::format(
        "<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"#2e8b57\" "
        "fill-opacity=\"0.12\"/>\n",
        kLeft, y1, kPlotW, y0 - y1);
  }
  if (const auto* b = Bands(r)) {
    s += Band(ax, r, (*b)[0], (*b)[4], 0.15);
    s += Band(ax, r, (*b)[1], (*b)[3], 0.30);
    s += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\" "
        "stroke-dasharray=\"5,3\"/>\n",
        Polyline(ax, r, (*b)[2]), kBlue);
  }
  s += fmt::format(
      "<polyline points=\"{}\" fill=\"none\" stroke=\"#0b2545\" "
      "stroke-width=\"2\"/>\n",
      Polyline(ax, r, r.typical_mg_per_l));
  // The next-morning residual: a dotted line at the wake time after the last dose.
  const double wx = ax.X(r.metrics.last_wake_h);
  s += fmt::format(
      "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#8e44ad\" "
      "stroke-dasharray=\"2,3\"/>\n<circle cx=\"{0:.1f}\" cy=\"{3:.1f}\" r=\"3.5\" "
      "fill=\"#8e44ad\"/>\n",
      wx, kTop, kTop + kPlotH, ax.Y(r.metrics.last_wake_mg_per_l));
  s += "</g>\n";
  s += fmt::format(
      "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" fill=\"#8e44ad\" "
      "text-anchor=\"{}\">wake {}: {}</text>\n",
      wx + (wx > kLeft + kPlotW * 0.8 ? -6 : 6), kTop + 14,
      wx > kLeft + kPlotW * 0.8 ? "end" : "start",
      FormatClock(r.metrics.last_wake_h, r.start_clock_h, false),
      XmlEscape(FormatConcentration(r.metrics.last_wake_mg_per_l, r)));
  for (const auto& d : r.doses) {
    const double x = ax.X(d.time_h), y = kTop + kPlotH - 1;
    s += fmt::format("<path d=\"M{0:.1f},{1:.1f} l-4,-8 h8 z\" fill=\"{2}\" stroke=\"{3}\"/>\n", x,
                     y, d.taken ? "#c0392b" : "white", "#c0392b");
  }
  s += AxesAndGrid(ax, r);
  // Legend: one row under the axis title, sources wrapped below it.
  const double ly = kH - 64;
  double x = kLeft;
  s += fmt::format(
      "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#0b2545\" "
      "stroke-width=\"2\"/><text x=\"{3}\" y=\"{4}\">typical</text>\n",
      x, x + 20, ly, x + 25, ly + 4);
  x += 85;
  if (Bands(r)) {
    s += fmt::format(
        "<rect x=\"{0}\" y=\"{1}\" width=\"20\" height=\"10\" fill=\"{2}\" fill-opacity=\"0.15\"/>"
        "<rect x=\"{0}\" y=\"{3}\" width=\"20\" height=\"4\" fill=\"{2}\" fill-opacity=\"0.45\"/>"
        "<text x=\"{4}\" y=\"{5}\">5-95th (25-75th) percentile, median dashed</text>\n",
        x, ly - 5, kBlue, ly - 2, x + 25, ly + 4);
    x += 285;
  }
  if (r.endogenous_peak_mg_per_l && r.endogenous_day_mg_per_l) {
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"10\" fill=\"#2e8b57\" "
        "fill-opacity=\"0.25\"/><text x=\"{}\" y=\"{}\">endogenous {} (day) to {} (night, "
        "age {:g})</text>\n",
        x, ly - 5, x + 25, ly + 4, XmlEscape(FormatConcentration(*r.endogenous_day_mg_per_l, r)),
        XmlEscape(FormatConcentration(*r.endogenous_peak_mg_per_l, r)), r.endogenous_age_years);
  }
  std::string sources = "Doses: triangles (hollow: missed). Sources: ";
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < r.model_refs.size(); ++i) {
    const std::string item = r.model_refs[i] + (i + 1 < r.model_refs.size() ? ", " : "");
    if (sources.size() + item.size() > 150) {
      lines.push_back(sources);
      sources.clear();
    }
    sources += item;
  }
  lines.push_back(sources);
  for (std::size_t i = 0; i < lines.size() && i < 3; ++i) {
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#666\">{}</text>\n", kLeft,
                     ly + 20 + 12 * static_cast<double>(i), XmlEscape(lines[i]));
  }
  return s + "</svg>\n";
}

}  // namespace pineal::pk
