#include "http/client.hpp"

#include <curl/curl.h>

#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <mutex>

namespace ward::http {

namespace asio = boost::asio;

namespace {

struct EasyDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One easy handle per thread, reset between transfers, so that connections to the same host
// (a JWKS endpoint polled every few minutes, a webhook) are reused.
CURL* thread_handle() {
    thread_local std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
    if (handle) curl_easy_reset(handle.get());
    return handle.get();
}

struct Transfer {
    ClientResponse response;
    std::size_t max_bytes = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t->response.body.size() + n > t->max_bytes) {
        t->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    std::string_view line(data, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    // A new status line starts a new header block (100 Continue, then the final response).
    if (line.substr(0, 5) == "HTTP/") {
        t->response.headers.clear();
        return n;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return n;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    t->response.headers.add(std::string(line.substr(0, colon)), std::string(value));
    return n;
}

core::Error map_error(CURLcode code, const char* detail, const Transfer& t) {
    std::string message = curl_easy_strerror(code);
    if (detail != nullptr && detail[0] != '\0') message += std::string(": ") + detail;
    if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        return core::Error::limit_exceeded("response larger than the limit", "response-too-large");
    }
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return core::Error::timeout(std::move(message), "timeout");
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return core::Error::invalid_argument(std::move(message), "bad-url");
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_WEIRD_SERVER_REPLY:
            return core::Error::unavailable(std::move(message), "unavailable");
        default:
            return core::Error::io(std::move(message), "http-client-error");
    }
}

}  // namespace

Client::Client(ClientConfig config)
    : config_(std::move(config)), pool_(std::max<std::size_t>(1, config_.threads)) {
    global_init();
}

Client::~Client() { pool_.join(); }

core::Result<ClientResponse> Client::perform(const ClientRequest& request) const {
    if (request.url.rfind("http://", 0) != 0 && request.url.rfind("https://", 0) != 0) {
        return core::Error::invalid_argument("only http and https URLs are allowed", "bad-url");
    }
    CURL* curl = thread_handle();
    if (curl == nullptr) return core::Error::io("curl_easy_init failed", "http-client-error");

    Transfer transfer;
    transfer.max_bytes = config_.max_response_bytes;
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    auto add_header = [&](const std::string& line) {
        curl_slist* next = curl_slist_append(headers.get(), line.c_str());
        if (next != nullptr) {
            (void)headers.release();
            headers.reset(next);
        }
    };
    for (const auto& [name, value] : request.headers) add_header(name + ": " + value);
    // No "Expect: 100-continue" round trip for POST bodies.
    if (!request.headers.contains("Expect")) add_header("Expect:");

    auto total = request.total_timeout.value_or(config_.total_timeout);
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(config_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(config_.max_response_bytes));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, config_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, config_.verify_tls ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, config_.verify_tls ? 2L : 0L);
    if (!config_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, config_.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    if (request.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
        request.method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }

    CURLcode code = curl_easy_perform(curl);
    // The handle is reused: it must not keep pointers into this frame.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (code != CURLE_OK) return map_error(code, error_buffer, transfer);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    transfer.response.status = static_cast<unsigned>(status);
    return std::move(transfer.response);
}

asio::awaitable<core::Result<ClientResponse>> Client::send(ClientRequest request) {
    using Signature = void(core::Result<ClientResponse>);
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, Signature>(
        [this](auto handler, ClientRequest req) {
            auto work = asio::make_work_guard(asio::get_associated_executor(handler));
            asio::post(pool_, [this, req = std::move(req), handler = std::move(handler),
                               work = std::move(work)]() mutable {
                auto result = perform(req);
                // The work guard travels with the completion and is released on the caller's
                // thread: once the caller has resumed it may tear its io_context down, so this
                // thread must not touch the context's work count afterwards.
                auto ex = work.get_executor();
                asio::post(ex, [handler = std::move(handler), result = std::move(result),
                                work = std::move(work)]() mutable {
                    work.reset();
                    std::move(handler)(std::move(result));
                });
            });
        },
        asio::use_awaitable, std::move(request));
}

asio::awaitable<core::Result<ClientResponse>> Client::get(std::string url, Headers headers) {
    ClientRequest request;
    request.url = std::move(url);
    request.headers = std::move(headers);
    co_return co_await send(std::move(request));
}

asio::awaitable<core::Result<ClientResponse>> Client::post(std::string url, std::string body,
                                                           Headers headers) {
    ClientRequest request;
    request.method = "POST";
    request.url = std::move(url);
    request.body = std::move(body);
    request.headers = std::move(headers);
    co_return co_await send(std::move(request));
}

}  // namespace ward::http
