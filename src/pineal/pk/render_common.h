// Formatting shared by the text, SVG and CSV renderers of a simulation.
#pragma once

#include <string>
#include <vector>

#include "pineal/pk/simulate.h"

namespace pineal::pk {

struct RenderOptions {
  std::string title;  // e.g. "melatonin 10 mg IR at 22:00"
  int width = 72;     // text: plot columns; SVG: ignored
  int height = 16;    // text: plot rows
};

// "15,900 pg/mL": three significant digits, thousands separated.
std::string FormatConcentration(double mg_per_l, const SimulationResult& r);
// Three significant digits without an exponent: 0.00123, 12.3, 12,300.
std::string FormatNumber(double v);
// An axis label: as FormatNumber without trailing zeros (10, 0.1, 1,000).
std::string FormatTick(double v);
// Local clock time of t: "07:00", with the day from the first dose ("day 3 07:00")
// when `with_day`.
std::string FormatClock(double t_h, double start_clock_h, bool with_day);
// "45 min", "5.2 h", "2.4 d".
std::string FormatDuration(double h);

// The lowest and highest concentrations a log-scale plot should show (mg/L).
struct LogRange {
  double lo = 0, hi = 0;
};
LogRange PlotRange(const SimulationResult& r);

// Every band of the population (5 percentiles) or empty.
const std::vector<std::vector<double>>* Bands(const SimulationResult& r);

// One line per note: "capped: ... [ref1, ref2]".
std::vector<std::string> NoteLines(const SimulationResult& r);

}  // namespace pineal::pk
