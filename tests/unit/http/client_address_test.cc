#include "pineal/http/client_address.h"

#include <gtest/gtest.h>

namespace pineal::http {
namespace {

const std::vector<std::string> kProxies = {"10.0.0.1", "10.0.0.2"};

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItsHeaderSays) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.7", kProxies), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.7", {}), "203.0.113.9");
}

TEST(ClientAddress, ATrustedProxyNamesTheRightMostUntrustedHop) {
  // The left-most entry is whatever the client claimed; only the hop the
  // trusted proxy itself saw can be believed.
  EXPECT_EQ(ClientAddress("10.0.0.1", "1.1.1.1, 198.51.100.7", kProxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.1", "1.1.1.1,198.51.100.7, 10.0.0.2", kProxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.1", " 2001:db8::5 ", kProxies), "2001:db8::5");
}

TEST(ClientAddress, ATrustedProxyWithoutAClientHopLeavesThePeer) {
  EXPECT_EQ(ClientAddress("10.0.0.1", "", kProxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "10.0.0.2, ,", kProxies), "10.0.0.1");
}

TEST(ClientAddress, EachAddressHasOneSpelling) {
  EXPECT_EQ(CanonicalAddress("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(CanonicalAddress("::FFFF:c000:0201"), "192.0.2.1");
  EXPECT_EQ(CanonicalAddress("2001:0db8:0000:0000:0000:0000:0000:0005"), "2001:db8::5");
  EXPECT_EQ(CanonicalAddress("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(CanonicalAddress("203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(CanonicalAddress("not an address"), "not an address");
}

TEST(ClientAddress, AProxyIsRecognisedHoweverEitherSideSpellsIt) {
  // A dual-stack socket reports an IPv4 proxy as "::ffff:10.0.0.1" (the
  // server canonicalises the peer), and --trusted-proxy may be long-hand.
  EXPECT_EQ(ClientAddress(CanonicalAddress("::ffff:10.0.0.1"), "198.51.100.7", kProxies),
            "198.51.100.7");
  EXPECT_EQ(ClientAddress("::1", "198.51.100.7", {"0:0:0:0:0:0:0:1"}), "198.51.100.7");
  // A hop written either way counts as the same client.
  EXPECT_EQ(ClientAddress("10.0.0.1", "::ffff:198.51.100.7", kProxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.1", "198.51.100.7, ::ffff:10.0.0.2", kProxies), "198.51.100.7");
}

}  // namespace
}  // namespace pineal::http
