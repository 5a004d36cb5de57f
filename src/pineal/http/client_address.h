// Who is asking: the peer's address, or the client named by a trusted proxy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pineal::http {

// One spelling per address, so that a client, a proxy and a limit agree: an
// IPv4 client seen through an IPv6 socket ("::ffff:192.0.2.1") is
// "192.0.2.1", IPv6 is in its shortest form; text that is no address is
// returned as it is.
std::string CanonicalAddress(std::string_view address);

// When `peer` is one of `trusted_proxies`, the right-most address of
// `forwarded_for` (an X-Forwarded-For value) that is not itself a trusted
// proxy; otherwise `peer`, and the header is ignored (anyone can send it).
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

}  // namespace pineal::http
