// Text helpers for finding messages. Messages never depend on input order:
// labels are sorted before they are joined.
#include <fmt/format.h>

#include <algorithm>

#include "pineal/safety/screen_context.h"

namespace pineal::safety::screen_internal {

Use& Context::UseOf(kb::SubstanceIndex s) {
  if (use_index.empty()) use_index.assign(catalog.substance_count(), -1);
  if (use_index[s] < 0) {
    use_index[s] = static_cast<int>(uses.size());
    uses.push_back(Use{});
    uses.back().substance = s;
  }
  return uses[static_cast<std::size_t>(use_index[s])];
}

const Use* Context::FindUse(kb::SubstanceIndex s) const {
  if (use_index.empty() || use_index[s] < 0) return nullptr;
  return &uses[static_cast<std::size_t>(use_index[s])];
}

std::string FormatNumber(double value) { return fmt::format("{:g}", value); }

std::string FormatMg(double mg) {
  if (mg >= 1000.0) return FormatNumber(mg / 1000.0) + " g";
  if (mg > 0 && mg < 0.1) return FormatNumber(mg * 1000.0) + " ug";
  return FormatNumber(mg) + " mg";
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> SortedIds(const Context& ctx, std::vector<kb::SubstanceIndex> subs) {
  std::vector<std::string> ids;
  ids.reserve(subs.size());
  for (auto s : subs) ids.push_back(ctx.Id(s));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string SubstanceKey(const Context& ctx, std::vector<kb::SubstanceIndex> subs) {
  return Join(SortedIds(ctx, std::move(subs)), "+");
}

void AddRefs(std::vector<std::string>& refs, const std::vector<std::string>& more) {
  for (const auto& r : more) {
    if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(r);
  }
}

std::string DescribeUse(const Context& ctx, const Use& use) {
  if (!use.description.empty()) return use.description;
  return ctx.Name(use.substance) + " (" + Join(use.labels, "; ") + ")";
}

std::string ActionForSeverity(kb::Severity severity) {
  switch (severity) {
    case kb::Severity::kContraindicated:
      return "Hard stop: choose a dose within the evidence, or document a research protocol "
             "and a clinician override.";
    case kb::Severity::kMajor:
      return "Needs a clinician's sign-off (an override with a reason) before use; consider a "
             "lower dose.";
    case kb::Severity::kModerate:
      return "Consider a lower dose and review benefit and adverse effects at follow-up.";
    case kb::Severity::kMinor: return "Acceptable with monitoring; use the lowest effective dose.";
    case kb::Severity::kInfo: return "No action needed.";
  }
  return {};
}

}  // namespace pineal::safety::screen_internal
