#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "pineal/circadian/plan_format.h"
#include "pineal/core/text.h"

namespace pineal::circadian {
namespace {

constexpr double kWidth = 760, kHeight = 380;
constexpr double kLeft = 60, kRight = 20, kTop = 40, kBottom = 50;

struct Axes {
  double x0, x1, y0, y1;
  double X(double day) const { return kLeft + (day - x0) / (x1 - x0) * (kWidth - kLeft - kRight); }
  double Y(double h) const { return kTop + (y1 - h) / (y1 - y0) * (kHeight - kTop - kBottom); }
};

std::string Line(const Axes& a, const std::vector<std::pair<double, double>>& pts,
                 const char* color, double width, const char* dash) {
  if (pts.empty()) return "";
  std::string d;
  for (const auto& [x, y] : pts)
    d += fmt::format("{}{:.1f},{:.1f}", d.empty() ? "M" : " L", a.X(x), a.Y(y));
  std::string out =
      fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", d, color,
                  width, *dash ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string());
  for (const auto& [x, y] : pts) {
    out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>\n", a.X(x),
                       a.Y(y), color);
  }
  return out;
}

}  // namespace

std::string FormatJetLagSvg(const JetLagPlan& p) {
  std::vector<std::pair<double, double>> with, without, cross;
  double lo = -2, hi = 2;
  for (const PlanDay& d : p.days) {
    with.push_back({d.day, d.with_plan.error_h});
    without.push_back({d.day, d.without_plan.error_h});
    if (d.cross_check_error_h) cross.push_back({d.day, *d.cross_check_error_h});
    for (double e : {d.with_plan.error_h, d.without_plan.error_h}) {
      lo = std::min(lo, std::floor(e) - 1);
      hi = std::max(hi, std::ceil(e) + 1);
    }
  }
  const double first = p.days.empty() ? 0 : p.days.front().day;
  const double last = p.days.empty() ? 1 : std::max<double>(p.days.back().day, first + 1);
  const Axes a{first - 0.5, last + 0.5, lo, hi};
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kWidth, kHeight);
  s += fmt::format("<text x=\"{}\" y=\"22\" font-size=\"15\">{}</text>\n", kLeft,
                   XmlEscape(fmt::format("Predicted body clock, {} to {} ({:+.1f} h)",
                                         p.origin_zone, p.destination_zone, p.zone_shift_h)));
  // The re-entrained band (+-1 h) and the grid.
  s += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"#e3f4e3\"/>\n",
      a.X(a.x0), a.Y(1), a.X(a.x1) - a.X(a.x0), a.Y(-1) - a.Y(1));
  for (double h = lo; h <= hi; h += 1) {
    s += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n",
        a.X(a.x0), a.X(a.x1), a.Y(h), a.Y(h), h == 0 ? "#888" : "#eee");
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{:+g}</text>\n",
                     kLeft - 6, a.Y(h) + 4, h);
  }
  for (double d = first; d <= last; d += 1) {
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{:+g}</text>\n",
                     a.X(d), kHeight - kBottom + 16, d);
  }
  s += fmt::format(
      "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" "
      "stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n",
      a.X(0), a.Y(hi), a.Y(lo));
  s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#666\">arrival</text>\n", a.X(0) + 4,
                   a.Y(hi) + 12);
  s += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">day (0 = arrival)"
      "</text>\n",
      (kLeft + kWidth - kRight) / 2, kHeight - 12);
  s += fmt::format(
      "<text transform=\"translate(16 {:.1f}) rotate(-90)\" text-anchor=\"middle\">"
      "clock error, h (late &gt; 0)</text>\n",
      (kTop + kHeight - kBottom) / 2);
  s += Line(a, without, "#999", 2, "6 4");
  if (!cross.empty()) s += Line(a, cross, "#e08a2c", 1.5, "");
  s += Line(a, with, "#2563eb", 2.5, "");
  // Legend.
  const double lx = kWidth - kRight - 250, ly = kTop + 8;
  s += fmt::format(
      "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"245\" height=\"{}\" fill=\"white\" "
      "stroke=\"#ccc\"/>\n",
      lx, ly - 6, cross.empty() ? 48 : 66);
  s += fmt::format(
      "<line x1=\"{0:.0f}\" x2=\"{1:.0f}\" y1=\"{2:.0f}\" y2=\"{2:.0f}\" "
      "stroke=\"#2563eb\" stroke-width=\"2.5\"/><text x=\"{3:.0f}\" y=\"{4:.0f}\">"
      "with the plan ({5})</text>\n",
      lx + 6, lx + 30, ly + 8, lx + 36, ly + 12, XmlEscape(p.model_id));
  s += fmt::format(
      "<line x1=\"{0:.0f}\" x2=\"{1:.0f}\" y1=\"{2:.0f}\" y2=\"{2:.0f}\" "
      "stroke=\"#999\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{3:.0f}\" "
      "y=\"{4:.0f}\">without a plan</text>\n",
      lx + 6, lx + 30, ly + 26, lx + 36, ly + 30);
  if (!cross.empty()) {
    s += fmt::format(
        "<line x1=\"{0:.0f}\" x2=\"{1:.0f}\" y1=\"{2:.0f}\" y2=\"{2:.0f}\" "
        "stroke=\"#e08a2c\" stroke-width=\"1.5\"/><text x=\"{3:.0f}\" y=\"{4:.0f}\">"
        "with the plan, {5} (light only)</text>\n",
        lx + 6, lx + 30, ly + 44, lx + 36, ly + 48, XmlEscape(p.cross_check_model_id));
  }
  s += "</svg>\n";
  return s;
}

}  // namespace pineal::circadian
