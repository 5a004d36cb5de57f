#include "pineal/http/socket_server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <csignal>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "pineal/core/text.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/client_address.h"
#include "pineal/http/connection_ledger.h"
#include "pineal/http/security_headers.h"
#include "pineal/http/url_decoding.h"

namespace pineal::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Millis = std::chrono::milliseconds;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// After answering a request whose rest is unread, the server stops sending
// and reads (and drops) what the client still sends for this long before
// closing, so that the client sees the answer rather than a reset.
constexpr Millis kLingerOnClose{2'000};

// What every connection shares.
struct ServerContext {
  const ServerOptions& options;
  const RequestDispatcher& dispatch;
  const AnswersAtOnce& answers_at_once;
  asio::thread_pool& workers;
  std::atomic<std::size_t>& queued;
  ConnectionLedger& ledger;
};

Millis TransferDeadline(Millis base, std::uint64_t bytes, std::size_t bytes_per_second) {
  if (bytes_per_second == 0) return base;
  return base + Millis(bytes * 1000 / bytes_per_second);
}

HttpResponse DispatchGuarded(const RequestDispatcher& dispatch, IncomingRequest in) {
  try {
    return dispatch(std::move(in));
  } catch (const std::exception& e) {
    return ErrorResponse(Status::Internal(std::string("unhandled exception: ") + e.what()));
  }
}

std::string AsString(beast::string_view s) { return std::string(s.data(), s.size()); }
beast::string_view AsBeast(std::string_view s) { return {s.data(), s.size()}; }

// The request as the router sees it; nullopt when the target has a bad
// percent escape.
std::optional<IncomingRequest> Translate(bhttp::request<bhttp::string_body>& req,
                                         const std::string& peer, const ServerOptions& options) {
  const std::string target = AsString(req.target());
  const size_t question = target.find('?');
  IncomingRequest in;
  in.raw_path = target.substr(0, question);
  auto path = PercentDecode(in.raw_path);
  auto query =
      ParseQuery(question == std::string::npos ? std::string_view()
                                               : std::string_view(target).substr(question + 1));
  if (!path || !query) return std::nullopt;
  HttpRequest& out = in.request;
  out.method = AsString(req.method_string());
  out.path = std::move(*path);
  out.query = std::move(*query);
  std::string forwarded_for;
  for (const auto& field : req) {
    std::string name = AsciiLower(AsString(field.name_string()));
    std::string value = AsString(field.value());
    // Proxies may each add a header line; together they are one list.
    if (name == "x-forwarded-for") forwarded_for += (forwarded_for.empty() ? "" : ",") + value;
    out.headers[std::move(name)] = std::move(value);
  }
  out.body = std::move(req.body());
  out.remote_address = ClientAddress(peer, forwarded_for, options.trusted_proxies);
  return in;
}

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// One client connection over a plain or TLS stream, from the first byte to
// the close. Its handlers run on the connection's strand in the I/O loop.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  template <class... StreamArgs>
  Session(ServerContext& context, std::string peer, bool admitted, StreamArgs&&... stream_args)
      : context_(context),
        options_(context.options),
        peer_(std::move(peer)),
        admitted_(admitted),
        stream_(std::forward<StreamArgs>(stream_args)...) {}

  ~Session() {
    if (admitted_) context_.ledger.Release(peer_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    if constexpr (kTls) {
      Lowest().expires_after(options_.header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->AfterHandshake();
                              });
    } else {
      AfterHandshake();
    }
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void AfterHandshake() {
    if (!admitted_) {
      return Fail(
          ErrorResponse(503, "unavailable", "too many open connections; try again shortly"));
    }
    ReadHeader(options_.header_timeout);
  }

  void ReadHeader(Millis deadline) {
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(options_.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(options_.max_body_bytes);
    Lowest().expires_after(deadline);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnHeader, this->shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit) return FailHeadersTooLarge();
    if (ec == bhttp::error::body_limit) return FailBodyTooLarge();
    if (IsParseError(ec)) {
      return Fail(
          ErrorResponse(400, "bad_request", "the request could not be read: " + ec.message()));
    }
    if (ec) return Close();  // closed, reset or past the deadline: nobody to answer
    auto& req = parser_->get();
    version_ = req.version();
    if (req.target().size() > options_.max_url_bytes) {
      return Fail(ErrorResponse(414, "uri_too_long",
                                "the URL is longer than the " +
                                    std::to_string(options_.max_url_bytes) + " bytes allowed"));
    }
    if (static_cast<std::size_t>(std::distance(req.begin(), req.end())) >
        options_.max_header_count) {
      return FailHeadersTooLarge();
    }
    if (parser_->content_length() && *parser_->content_length() > options_.max_body_bytes) {
      return FailBodyTooLarge();
    }
    if (parser_->is_done()) return Dispatch();
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) return SendContinue();
    ReadBody();
  }

  void SendContinue() {
    auto interim =
        std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, version_);
    Lowest().expires_after(options_.write_timeout);
    bhttp::async_write(
        stream_, *interim,
        [self = this->shared_from_this(), interim](beast::error_code ec, std::size_t) {
          if (ec) return self->Close();
          self->ReadBody();
        });
  }

  void ReadBody() {
    // Chunked bodies have no size up front: they get the time of the largest allowed.
    const std::uint64_t expected = parser_->content_length().value_or(options_.max_body_bytes);
    Lowest().expires_after(
        TransferDeadline(options_.body_timeout, expected, options_.min_transfer_bytes_per_second));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, this->shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return FailBodyTooLarge();
    if (IsParseError(ec)) {
      return Fail(
          ErrorResponse(400, "bad_request", "the request body could not be read: " + ec.message()));
    }
    if (ec) return Close();
    Dispatch();
  }

  void Dispatch() {
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive();
    head_ = req.method() == bhttp::verb::head;
    auto incoming = Translate(req, peer_, options_);
    if (!incoming) {
      return Respond(ErrorResponse(400, "bad_request",
                                   "the URL has a '%' not followed by two hexadecimal digits"),
                     false);
    }
    if (context_.answers_at_once && context_.answers_at_once(*incoming)) {
      return Respond(DispatchGuarded(context_.dispatch, std::move(*incoming)), false);
    }
    // Admission control: past the bound, an immediate 503 beats a queue that
    // only grows while every client times out.
    if (context_.queued.fetch_add(1) >= options_.max_queued_requests) {
      context_.queued.fetch_sub(1);
      HttpResponse busy =
          ErrorResponse(503, "unavailable", "the server is busy; try again in a second");
      busy.headers.emplace_back("Retry-After", "1");
      return Respond(std::move(busy), false);
    }
    asio::post(
        context_.workers, [self = this->shared_from_this(), in = std::move(*incoming)]() mutable {
          self->context_.queued.fetch_sub(1);
          HttpResponse response = DispatchGuarded(self->context_.dispatch, std::move(in));
          auto executor = self->stream_.get_executor();
          asio::post(executor, [self = std::move(self), response = std::move(response)]() mutable {
            self->Respond(std::move(response), false);
          });
        });
  }

  void FailHeadersTooLarge() {
    Fail(ErrorResponse(431, "request_header_fields_too_large",
                       "the request headers exceed the limits (" +
                           std::to_string(options_.max_header_count) + " fields, " +
                           std::to_string(options_.max_header_bytes) + " bytes)"));
  }
  void FailBodyTooLarge() {
    Fail(ErrorResponse(413, "payload_too_large",
                       "the request body is larger than the " +
                           std::to_string(options_.max_body_bytes) + " bytes allowed"));
  }
  // An answer after which the stream cannot be trusted: close once it is written.
  void Fail(HttpResponse response) { Respond(std::move(response), true); }

  void Respond(HttpResponse in, bool close) {
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(version_);
    out->result(static_cast<unsigned>(in.status));
    out->set(bhttp::field::content_type, in.content_type);
    for (const auto& [name, value] : kSecurityHeaders) out->set(AsBeast(name), AsBeast(value));
    for (const auto& [name, value] : in.headers) out->insert(name, value);
    out->body() = std::move(in.body);
    out->keep_alive(keep_alive_ && !close);
    out->prepare_payload();
    if (head_) out->body().clear();  // Content-Length still tells the size
    Lowest().expires_after(TransferDeadline(options_.write_timeout, out->body().size(),
                                            options_.min_transfer_bytes_per_second));
    bhttp::async_write(stream_, *out,
                       [self = this->shared_from_this(), out](beast::error_code ec, std::size_t) {
                         if (ec) return self->Close();
                         if (!out->keep_alive()) return self->Shutdown();
                         self->ReadHeader(self->options_.keep_alive_timeout);
                       });
  }

  // Stops sending, then closes once the client has gone (or after a linger).
  void Shutdown() {
    if constexpr (kTls) {
      Lowest().expires_after(kLingerOnClose);
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->Close(); });
    } else {
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      Lowest().expires_after(kLingerOnClose);
      Drain();
    }
  }

  void Drain() {
    Lowest().async_read_some(asio::buffer(drain_),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->Close();
                               self->Drain();
                             });
  }

  void Close() {
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Lowest().close();
  }

  ServerContext& context_;
  const ServerOptions& options_;
  const std::string peer_;
  const bool admitted_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  std::array<char, 4096> drain_{};
};

// Accepts connections for as long as the I/O loop runs.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, tcp::acceptor& acceptor, asio::ssl::context* tls,
           ServerContext& context)
      : io_(io), acceptor_(acceptor), tls_(tls), context_(context), retry_(io) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors, most likely: pause rather than spin.
      retry_.expires_after(Millis(50));
      retry_.async_wait([self = shared_from_this()](beast::error_code wait) {
        if (!wait) self->Accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // answers go out at once (no Nagle)
    const auto remote = socket.remote_endpoint(ignored);
    if (!ignored) {
      std::string peer = CanonicalAddress(remote.address().to_string());
      const bool admitted = context_.ledger.Admit(peer);
      if (tls_ != nullptr) {
        std::make_shared<Session<TlsStream>>(context_, std::move(peer), admitted, std::move(socket),
                                             *tls_)
            ->Start();
      } else {
        std::make_shared<Session<PlainStream>>(context_, std::move(peer), admitted,
                                               std::move(socket))
            ->Start();
      }
    }
    Accept();
  }

  asio::io_context& io_;
  tcp::acceptor& acceptor_;
  asio::ssl::context* tls_;
  ServerContext& context_;
  asio::steady_timer retry_;
};

int WorkerCount(const ServerOptions& options) {
  if (options.worker_threads > 0) return options.worker_threads;
  return std::max(64, 8 * static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

// Members in order of need: the ledger and pool outlive the I/O loop, whose
// pending handlers own the sessions.
struct SocketServer::Impl {
  Impl(ServerOptions o, RequestDispatcher d, AnswersAtOnce a)
      : options(std::move(o)),
        dispatch(std::move(d)),
        answers_at_once(std::move(a)),
        ledger(options.max_connections_per_address, options.max_connections),
        workers(static_cast<std::size_t>(WorkerCount(options))),
        context{options, dispatch, answers_at_once, workers, queued, ledger},
        acceptor(io) {}

  ServerOptions options;
  RequestDispatcher dispatch;
  AnswersAtOnce answers_at_once;
  ConnectionLedger ledger;
  std::atomic<std::size_t> queued{0};
  asio::thread_pool workers;
  ServerContext context;
  std::optional<asio::ssl::context> tls;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::optional<asio::signal_set> signals;
};

SocketServer::SocketServer(ServerOptions options, RequestDispatcher dispatch,
                           AnswersAtOnce answers_at_once)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatch),
                                   std::move(answers_at_once))) {}

SocketServer::~SocketServer() {
  Stop();
  // Workers finish what they hold before the loop (and its sessions) go.
  impl_->workers.join();
}

std::size_t SocketServer::OpenConnections() const { return impl_->ledger.Open(); }
std::size_t SocketServer::QueuedRequests() const { return impl_->queued.load(); }

Result<int> SocketServer::Bind() {
  const ServerOptions& o = impl_->options;
  if (!o.tls_cert_file.empty() && !o.tls_key_file.empty()) {
    try {
      impl_->tls.emplace(asio::ssl::context::tls_server);
      impl_->tls->set_options(asio::ssl::context::default_workarounds |
                              asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                              asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
      impl_->tls->use_certificate_chain_file(o.tls_cert_file);
      impl_->tls->use_private_key_file(o.tls_key_file, asio::ssl::context::pem);
    } catch (const std::exception&) {
      impl_->tls.reset();
      return Status::InvalidArgument("cannot use the TLS certificate '" + o.tls_cert_file +
                                     "' and key '" + o.tls_key_file + "'");
    }
  }
  const Status cannot_listen =
      Status::Unavailable("cannot listen on " + o.bind_address + ":" + std::to_string(o.port) +
                          " (is the port in use, or the address wrong?)");
  beast::error_code ec;
  tcp::resolver resolver(impl_->io);
  auto endpoints = resolver.resolve(o.bind_address, std::to_string(o.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) return cannot_listen;
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return cannot_listen;
  return static_cast<int>(acceptor.local_endpoint().port());
}

Status SocketServer::Run() {
  if (!impl_->acceptor.is_open()) return Status::FailedPrecondition("Bind() first");
  std::make_shared<Listener>(impl_->io, impl_->acceptor, impl_->tls ? &*impl_->tls : nullptr,
                             impl_->context)
      ->Accept();
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    extra.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (auto& t : extra) t.join();
  return Status::Ok();
}

void SocketServer::Stop() { impl_->io.stop(); }

void SocketServer::StopOnSignals() {
  impl_->signals.emplace(impl_->io, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int) {
    if (!ec) Stop();
  });
}

}  // namespace pineal::http
