// http::Client: outbound HTTP(S) calls (JWKS fetch, auth and event webhooks) on libcurl, with
// connect/total timeouts and a response size limit. Coroutine callers never block an I/O thread:
// the transfer runs on the client's own small thread pool and the caller resumes on its executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/headers.hpp"

namespace ward::http {

struct ClientConfig {
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds total_timeout{30'000};
    std::size_t max_response_bytes = 10 * 1024 * 1024;
    // Transfers that may run at once; further calls queue.
    std::size_t threads = 2;
    std::string user_agent = "ward";
    bool verify_tls = true;
    std::string ca_file;  // empty: the system store
};

struct ClientRequest {
    std::string method = "GET";
    std::string url;  // http:// or https:// only
    Headers headers;
    std::string body;
    // Overrides ClientConfig::total_timeout for this call.
    std::optional<std::chrono::milliseconds> total_timeout;
};

struct ClientResponse {
    unsigned status = 0;
    Headers headers;  // of the final response; case-insensitive lookup (Cache-Control, Expires)
    std::string body;
};

// Usage: one Client per process (or per subsystem); it is thread-safe. It must outlive every
// send() it started. Redirects are not followed. Any status (4xx, 5xx too) is a response, not an
// error.
class Client {
  public:
    explicit Client(ClientConfig config = {});
    ~Client();  // waits for running transfers (bounded by their timeouts)
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Blocking transfer on the calling thread. Errors: kInvalidArgument "bad-url" (malformed,
    // or a scheme other than http/https); kTimeout "timeout" (connect or total timeout);
    // kUnavailable "unavailable" (DNS, refused, reset, TLS failure, empty reply);
    // kLimitExceeded "response-too-large"; kIo "http-client-error" for anything else.
    core::Result<ClientResponse> perform(const ClientRequest& request) const;

    // perform() on the client's thread pool; resumes on the awaiting coroutine's executor, whose
    // io_context must stay alive until the call completes.
    boost::asio::awaitable<core::Result<ClientResponse>> send(ClientRequest request);
    boost::asio::awaitable<core::Result<ClientResponse>> get(std::string url, Headers headers = {});
    boost::asio::awaitable<core::Result<ClientResponse>> post(std::string url, std::string body,
                                                              Headers headers = {});

    const ClientConfig& config() const { return config_; }

  private:
    ClientConfig config_;
    boost::asio::thread_pool pool_;
};

}  // namespace ward::http
