// How the HTTP server listens and the limits it enforces on every client.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace pineal::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8080;         // 0: any free port
  std::string static_dir;  // served at "/" when it exists (web/dist)
  // Serve HTTPS when both are given (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;

  // Threads: the I/O loop owns every connection and only hands complete
  // requests to the workers, so a slow client never holds a worker.
  int io_threads = 1;
  // 0: eight per core, at least 64. A worker spends most of a request
  // waiting for the shared log flush (group commit), not on a core, so the
  // pool must be wide enough to keep a flush's batch full.
  int worker_threads = 0;
  // Requests waiting for a worker beyond this are answered 503 at once.
  std::size_t max_queued_requests = 256;

  // Request limits; each is answered with a JSON error and the connection closed.
  std::size_t max_url_bytes = 8 * 1024;      // 414
  std::size_t max_header_count = 100;        // 431
  std::size_t max_header_bytes = 32 * 1024;  // 431, request line included
  std::size_t max_body_bytes = 1 << 20;      // 413, from Content-Length before any body
  // The request line and all headers must arrive within this (in total).
  std::chrono::milliseconds header_timeout{10'000};
  // A kept-alive connection's next request (its headers) must arrive within this.
  std::chrono::milliseconds keep_alive_timeout{5'000};
  // Body deadline: body_timeout + size / min_transfer_rate. The same rate
  // bounds how long a response may take to write (write_timeout + size / rate).
  std::chrono::milliseconds body_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t min_transfer_bytes_per_second = 64 * 1024;

  // Open connections, counted by the peer socket's address and in total;
  // one over either gets 503 and is closed.
  std::size_t max_connections_per_address = 64;
  std::size_t max_connections = 1000;

  // Reverse proxies whose X-Forwarded-For is believed (exact IP addresses).
  std::vector<std::string> trusted_proxies;
};

}  // namespace pineal::http
