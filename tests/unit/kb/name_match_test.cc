// The closest-entry measure (kb/name_match.h) on a small catalogue of its own,
// with the expected scores worked out by hand from the definition.
#include "pineal/kb/name_match.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pineal::kb {
namespace {

TEST(FoldForMatching, LowerCasesDropsApostrophesAndStrengths) {
  EXPECT_EQ(FoldForMatching("St John's Wort"), "st johns wort");
  EXPECT_EQ(FoldForMatching("St John\u2019s wort"), "st johns wort");  // typographic apostrophe
  EXPECT_EQ(FoldForMatching("  Valerian   root 450 mg "), "valerian root");
  EXPECT_EQ(FoldForMatching("Melatonin-3mg"), "melatonin");
  EXPECT_EQ(FoldForMatching("ME/CFS"), "me cfs");
  // A leading number is part of the name, not a strength.
  EXPECT_EQ(FoldForMatching("7-OH"), "7 oh");
  EXPECT_EQ(FoldForMatching("vitamin B12"), "vitamin b12");
}

TEST(EditDistance, CountsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(EditDistance("valerain", "valerian"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kava", "kava"), 0u);
}

TEST(NameSimilarity, IsTheBetterOfWholeTextAndWordOverlap) {
  EXPECT_DOUBLE_EQ(NameSimilarity("St Johns wort", "St John's wort"), 1.0);
  // One swap in eight letters.
  EXPECT_DOUBLE_EQ(NameSimilarity("valerain", "valerian"), 1.0 - 1.0 / 8.0);
  // Whole: 6 edits in 13 bytes (0.538); words: 2 * 0.875 / (1 + 2) = 0.583.
  EXPECT_NEAR(NameSimilarity("valerain", "valerian root"), 2.0 * 0.875 / 3.0, 1e-9);
  // Nothing alike; and two short words two edits apart stay below the threshold.
  EXPECT_LT(NameSimilarity("gout", "melatonin"), kMinSuggestionScore);
  EXPECT_DOUBLE_EQ(NameSimilarity("gout", "oud"), 0.5);
  EXPECT_LT(NameSimilarity("gout", "oud"), kMinSuggestionScore);
  EXPECT_DOUBLE_EQ(NameSimilarity("", "melatonin"), 0.0);
}

std::vector<NamedEntry> TestCatalogue() {
  return {
      {"melatonin", "Melatonin", {"melatonin", "Melatonin", "Circadin"}},
      {"valerian", "Valerian root", {"valerian", "Valerian root", "valeriana officinalis"}},
      {"st_johns_wort", "St John's wort", {"st_johns_wort", "St John's wort", "hypericum"}},
      {"kava", "Kava", {"kava", "Kava", "kava kava"}},
      {"magnesium", "Magnesium", {"magnesium", "Magnesium"}},
  };
}

std::vector<std::string> Ids(const std::vector<Suggestion>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.id);
  return out;
}

TEST(ClosestEntries, OffersTheEntryAMisspellingMeant) {
  const auto cat = TestCatalogue();
  const auto valerian = ClosestEntries("valerain", cat);
  ASSERT_FALSE(valerian.empty());
  EXPECT_EQ(valerian[0].id, "valerian");
  EXPECT_EQ(valerian[0].name, "Valerian root");
  EXPECT_EQ(DidYouMean(valerian), "Did you mean: Valerian root?");

  const auto wort = ClosestEntries("st johns wort", cat);
  ASSERT_FALSE(wort.empty());
  EXPECT_EQ(wort[0].id, "st_johns_wort");
  EXPECT_DOUBLE_EQ(wort[0].score, 1.0);

  // A brand counts as a name; a strength after the name is ignored.
  EXPECT_EQ(Ids(ClosestEntries("Circadn 2 mg", cat)), std::vector<std::string>{"melatonin"});
  EXPECT_EQ(Ids(ClosestEntries("magnesum", cat)), std::vector<std::string>{"magnesium"});
}

TEST(ClosestEntries, OffersNothingForUnrelatedOrEmptyText) {
  const auto cat = TestCatalogue();
  EXPECT_TRUE(ClosestEntries("paracetamol", cat).empty());
  EXPECT_TRUE(ClosestEntries("   ", cat).empty());
  EXPECT_TRUE(ClosestEntries("", cat).empty());
  EXPECT_EQ(DidYouMean({}), "");
}

TEST(ClosestEntries, KeepsAtMostTheLimitBestFirstTiesInCatalogueOrder) {
  const std::vector<NamedEntry> cat = {
      {"a", "Sleep aid A", {"sleep aid a"}}, {"b", "Sleep aid B", {"sleep aid b"}},
      {"c", "Sleep aid C", {"sleep aid c"}}, {"d", "Sleep aid D", {"sleep aid d"}},
      {"aid", "Sleep aid", {"sleep aid"}},
  };
  const auto out = ClosestEntries("sleep aid", cat);
  // "Sleep aid" is exact (1.0); the others tie at the better of whole text,
  // 1 - 2/11, and words, 2 * 2 / (2 + 3) = 0.8.
  EXPECT_EQ(Ids(out), (std::vector<std::string>{"aid", "a", "b"}));
  EXPECT_DOUBLE_EQ(out[1].score, 1.0 - 2.0 / 11.0);
  EXPECT_DOUBLE_EQ(out[2].score, out[1].score);
  EXPECT_EQ(DidYouMean(out), "Did you mean: Sleep aid, Sleep aid A or Sleep aid B?");
  EXPECT_EQ(ClosestEntries("sleep aid", cat, 1).size(), 1u);
}

}  // namespace
}  // namespace pineal::kb
