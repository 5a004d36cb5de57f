#include "pineal/kb/name_match.h"

#include <algorithm>

namespace pineal::kb {
namespace {

std::vector<std::string> SplitFoldedWords(const std::string& folded) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

double WholeSimilarity(std::string_view a, std::string_view b) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 0.0;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longer);
}

double FoldedSimilarity(const std::string& q, const std::string& a) {
  if (q.empty() || a.empty()) return 0.0;
  const double whole = WholeSimilarity(q, a);
  const auto qw = SplitFoldedWords(q);
  const auto aw = SplitFoldedWords(a);
  std::vector<bool> used(aw.size(), false);
  double matched = 0.0;
  for (const auto& w : qw) {
    double best = 0.0;
    std::size_t best_at = aw.size();
    for (std::size_t k = 0; k < aw.size(); ++k) {
      if (used[k]) continue;
      const double sim = WholeSimilarity(w, aw[k]);
      if (sim > best) {
        best = sim;
        best_at = k;
      }
    }
    if (best_at < aw.size() && best >= kWordMatchMin) {
      used[best_at] = true;
      matched += best;
    }
  }
  const double words = 2.0 * matched / static_cast<double>(qw.size() + aw.size());
  return std::max(whole, words);
}

}  // namespace

std::string FoldForMatching(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool word_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+2019 (right single quotation mark) is an apostrophe too.
    if (c == '\'' || c == '`') continue;
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x99) {
      i += 2;
      continue;
    }
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !digit && c < 0x80) {
      pending_space = !out.empty();
      word_start = true;
      continue;
    }
    if (word_start && digit && !out.empty()) break;  // a strength: the rest is dropped
    if (pending_space) out.push_back(' ');
    pending_space = false;
    word_start = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rows: the one before the previous is needed for swaps.
  std::vector<std::size_t> two_back(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], two_back[j - 2] + 1);
      }
    }
    std::swap(two_back, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

double NameSimilarity(std::string_view a, std::string_view b) {
  return FoldedSimilarity(FoldForMatching(a), FoldForMatching(b));
}

std::vector<Suggestion> ClosestEntries(std::string_view text, std::span<const NamedEntry> entries,
                                       std::size_t limit, double min_score) {
  const std::string query = FoldForMatching(text);
  std::vector<Suggestion> out;
  if (query.empty() || limit == 0) return out;
  for (const NamedEntry& e : entries) {
    double best = 0.0;
    for (const auto& name : e.names) {
      best = std::max(best, FoldedSimilarity(query, FoldForMatching(name)));
    }
    if (best >= min_score) out.push_back({e.id, e.name, best});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Suggestion& x, const Suggestion& y) { return x.score > y.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string DidYouMean(std::span<const Suggestion> suggestions) {
  if (suggestions.empty()) return {};
  std::string out = "Did you mean: ";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) out += i + 1 == suggestions.size() ? " or " : ", ";
    out += suggestions[i].name;
  }
  return out + "?";
}

}  // namespace pineal::kb
