// A bare HTTP/1.1 client over a POSIX socket, for tests that must send what
// no well-behaved client would: slow headers, floods, odd paths, lies about
// body sizes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "pineal/core/text.h"

namespace pineal::testing {

struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
  std::string Header(const std::string& name) const {
    const std::string lower_head = AsciiLower(head);
    const std::string key = "\r\n" + AsciiLower(name) + ":";
    const size_t at = lower_head.find(key);
    if (at == std::string::npos) return {};
    const size_t start = at + key.size();
    const size_t end = head.find("\r\n", start);
    return std::string(TrimBlanks(head.substr(start, end - start)));
  }
};

class RawHttpClient {
 public:
  explicit RawHttpClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~RawHttpClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawHttpClient(const RawHttpClient&) = delete;
  RawHttpClient& operator=(const RawHttpClient&) = delete;

  bool connected() const { return connected_; }

  // False when the server has closed or reset the connection.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // One response (Content-Length framed); nullopt on close or after `timeout`.
  std::optional<RawResponse> Read(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t end_of_head;
    while ((end_of_head = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return std::nullopt;
    }
    RawResponse r;
    r.head = buffer_.substr(0, end_of_head);
    r.status = std::atoi(r.head.c_str() + r.head.find(' ') + 1);
    const std::string length = r.Header("Content-Length");
    const size_t body_size = length.empty() ? 0 : std::stoul(length);
    const size_t total = end_of_head + 4 + (head_request_ ? 0 : body_size);
    while (buffer_.size() < total) {
      if (!Fill(deadline)) return std::nullopt;
    }
    r.body = buffer_.substr(end_of_head + 4, total - end_of_head - 4);
    buffer_.erase(0, total);
    return r;
  }

  // Sends a request and reads its answer.
  std::optional<RawResponse> Exchange(std::string_view request) {
    if (!Send(request)) return std::nullopt;
    return Read();
  }

  // True when the server closes (end of stream or reset) within `timeout`;
  // anything it still sends first is dropped.
  bool ClosedByServer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      SetReceiveTimeout(deadline);
      char scratch[4096];
      const ssize_t n = ::recv(fd_, scratch, sizeof scratch, 0);
      if (n == 0) return true;
      if (n < 0 && errno == ECONNRESET) return true;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return true;
    }
    return false;
  }

  void ExpectHeadResponses(bool yes) { head_request_ = yes; }

 private:
  void SetReceiveTimeout(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() < 1000) left = std::chrono::microseconds(1000);
    timeval tv{static_cast<time_t>(left.count() / 1'000'000),
               static_cast<suseconds_t>(left.count() % 1'000'000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  bool Fill(std::chrono::steady_clock::time_point deadline) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    SetReceiveTimeout(deadline);
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return n < 0 && errno == EINTR;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool head_request_ = false;
  std::string buffer_;
};

}  // namespace pineal::testing
