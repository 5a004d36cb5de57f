#include "pineal/http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>

#include "pineal/core/text.h"

namespace pineal::http {
namespace {

bool IsTrustedProxy(const std::string& address, const std::vector<std::string>& trusted) {
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const std::string& t) { return CanonicalAddress(t) == address; });
}

}  // namespace

std::string CanonicalAddress(std::string_view address) {
  const std::string text(address);
  in_addr v4{};
  in6_addr v6{};
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return inet_ntop(AF_INET, &v4, out, sizeof out) != nullptr ? out : text;
  }
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return text;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy(v6.s6_addr + 12, v6.s6_addr + 16, reinterpret_cast<unsigned char*>(&v4.s_addr));
    return inet_ntop(AF_INET, &v4, out, sizeof out) != nullptr ? out : text;
  }
  return inet_ntop(AF_INET6, &v6, out, sizeof out) != nullptr ? out : text;
}

std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  // `peer` comes from the socket; the proxies and hops are as people wrote them.
  if (!IsTrustedProxy(peer, trusted_proxies)) return peer;
  // Each proxy appends the address it received from; read from the right and
  // stop at the first hop no trusted proxy vouches for.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view hop =
        TrimBlanks(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    std::string address = CanonicalAddress(hop);
    if (!IsTrustedProxy(address, trusted_proxies)) return address;
  }
  return peer;  // only trusted proxies on the path (or no header)
}

}  // namespace pineal::http
