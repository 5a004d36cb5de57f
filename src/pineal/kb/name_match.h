// The closest catalogue entries to a name that resolved to none of them
// ("valerain" -> Valerian root), for a finding or an API response to offer.
// Pure functions; no entry is ever chosen for the caller: a suggestion only
// says what the person may have meant.
//
// The measure, on folded text (FoldForMatching):
//   - whole: 1 - d(q, a) / max(|q|, |a|), d the edit distance counting an
//     insertion, deletion, substitution or swap of two neighbours as one;
//   - words: each word of q is paired with the most similar unused word of a
//     (the same measure, counted when at least kWordMatchMin), and
//     words = 2 * sum of the pair similarities / (words in q + words in a);
//   - score = max(whole, words), in [0, 1]; 1 means the same folded text.
// An entry's score is its best over its id, name and other names (synonyms,
// brands); entries scoring at least kMinSuggestionScore are offered, best
// first, ties in catalogue order.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pineal::kb {

inline constexpr double kMinSuggestionScore = 0.55;
inline constexpr double kWordMatchMin = 0.7;
inline constexpr std::size_t kMaxSuggestions = 3;

// Lower-case ASCII letters; apostrophes dropped ("John's" -> "johns"); other
// punctuation and white space become single spaces; from the first word that
// starts with a digit on, the rest is dropped when a word precedes it, as a
// strength or form ("valerian 450 mg" -> "valerian"). Other bytes are kept.
std::string FoldForMatching(std::string_view text);

// Edit distance with adjacent swaps (optimal string alignment), on bytes.
std::size_t EditDistance(std::string_view a, std::string_view b);

// The score above for two texts (folded here).
double NameSimilarity(std::string_view a, std::string_view b);

struct NamedEntry {
  std::string id;
  std::string name;                // shown to people
  std::vector<std::string> names;  // every name it resolves from (id, name, synonyms, brands)
};

struct Suggestion {
  std::string id;
  std::string name;
  double score = 0;
};

// At most `limit` entries whose score reaches `min_score`, best first.
std::vector<Suggestion> ClosestEntries(std::string_view text, std::span<const NamedEntry> entries,
                                       std::size_t limit = kMaxSuggestions,
                                       double min_score = kMinSuggestionScore);

// "Did you mean: A, B or C?"; empty when there is nothing to offer.
std::string DidYouMean(std::span<const Suggestion> suggestions);

}  // namespace pineal::kb
