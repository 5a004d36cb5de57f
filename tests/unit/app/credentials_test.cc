// Passwords and tokens.
#include "pineal/app/credentials.h"

#include <gtest/gtest.h>

namespace pineal::app {
namespace {

TEST(Credentials, Sha256MatchesThePublishedTestVector) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Credentials, PasswordHashesAreArgon2idSaltedAndVerify) {
  auto a = HashPassword("correct horse battery staple");
  auto b = HashPassword("correct horse battery staple");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);  // a fresh salt each time
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *a));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *a));
  EXPECT_FALSE(VerifyPassword("", *a));
}

TEST(Credentials, TokensAre256RandomBits) {
  auto a = NewToken();
  auto b = NewToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
}

TEST(Credentials, PolicyRefusesShortCommonAndNameBasedPasswords) {
  EXPECT_TRUE(CheckPasswordPolicy("a long and unusual passphrase", "dr.x").ok());
  for (const char* bad :
       {"elevenchars", "123456789012", "QWERTYUIOP123", "xxxxxxxxxxxxx", "hello-dr.x-again"}) {
    Status st = CheckPasswordPolicy(bad, "dr.x");
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "password") << bad;
  }
}

TEST(Credentials, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace pineal::app
