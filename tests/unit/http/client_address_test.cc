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

}  // namespace
}  // namespace pineal::http
