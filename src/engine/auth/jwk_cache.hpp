// JwkCache: the key set of a `jwk_url` JWT secret (spec/hasura.md §1.5), with its expiry taken
// from Cache-Control / Expires, refreshed in the background while the previous set stays in use.
// Keys come from a KeySource: an HTTP fetch (UrlKeySource) or, when the IdP runs in the same
// process (`ward up`), the IdP's own key set handed over directly (FunctionKeySource).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "engine/auth/stats.hpp"
#include "http/client.hpp"
#include "http/headers.hpp"
#include "jose/jwk_set.hpp"

namespace ward::engine::auth {

using TimePoint = std::chrono::system_clock::time_point;

// §1.5 expiry rules. Cache-Control first: must-revalidate with max-age -> now + max-age,
// must-revalidate alone, no-cache or no-store -> now (expired at once), else max-age or s-maxage
// -> now + that. Without a usable Cache-Control, Expires as an HTTP date. nullopt: no expiry
// (the key set is then never refreshed).
std::optional<TimePoint> jwk_expiry(const http::Headers& headers, TimePoint now);

// An HTTP date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime), or nullopt.
std::optional<TimePoint> parse_http_date(std::string_view text);

struct KeySetFetch {
    std::shared_ptr<const jose::JwkSet> keys;
    std::optional<TimePoint> expires_at;  // nullopt: never refresh
};

// Where a JwkCache gets keys. Implementations must be thread-safe.
class KeySource {
  public:
    virtual ~KeySource() = default;
    // Errors: any core::Error; its message is logged as a jwk-refresh-log line.
    virtual boost::asio::awaitable<core::Result<KeySetFetch>> fetch() = 0;
    // For log lines: the URL, or a short name.
    virtual std::string describe() const = 0;
};

// GET `url` with the http client. Errors ("jwk-fetch-failed"): transport failures,
// "Non-2xx response on fetching JWK from: <url>", "Error parsing JWK from url: <url>".
class UrlKeySource final : public KeySource {
  public:
    // `client` and `clock` must outlive this source.
    UrlKeySource(http::Client& client, std::string url, const core::Clock& clock);
    boost::asio::awaitable<core::Result<KeySetFetch>> fetch() override;
    std::string describe() const override { return url_; }

  private:
    http::Client& client_;
    std::string url_;
    const core::Clock& clock_;
};

// Keys from a function (the in-process IdP's current key set). Each fetch calls it; the result
// expires after `refresh_every`, so a rotated IdP key is picked up that soon.
class FunctionKeySource final : public KeySource {
  public:
    using Provider = std::function<std::shared_ptr<const jose::JwkSet>()>;
    FunctionKeySource(Provider provider, const core::Clock& clock,
                      std::chrono::seconds refresh_every = std::chrono::seconds(1));
    boost::asio::awaitable<core::Result<KeySetFetch>> fetch() override;
    std::string describe() const override { return "in-process"; }

  private:
    Provider provider_;
    const core::Clock& clock_;
    std::chrono::seconds refresh_every_;
};

// Usage: make with JwkCache::create(); call keys() per request. The first call awaits a fetch;
// later calls return the current set at once and, when it has expired, start one background
// refresh (at most one per second, also after failures). A failed refresh keeps the previous set.
class JwkCache : public std::enable_shared_from_this<JwkCache> {
  public:
    // `clock` and `stats` (may be null) must outlive the cache.
    static std::shared_ptr<JwkCache> create(std::unique_ptr<KeySource> source,
                                            const core::Clock& clock, AuthStats* stats = nullptr);

    // The current key set. Errors: the fetch error when no set was ever fetched.
    boost::asio::awaitable<core::Result<std::shared_ptr<const jose::JwkSet>>> keys();

    // Fetches now (awaited) and installs the result. Errors: the fetch error (previous set kept).
    boost::asio::awaitable<core::Status> refresh();

    // For an unknown kid (key rotation): refreshes now unless the last attempt was under a second
    // ago. Returns true when a new set was installed.
    boost::asio::awaitable<bool> refresh_if_stale();

    std::optional<TimePoint> expires_at() const;
    std::uint64_t fetch_count() const;
    bool has_keys() const;

  private:
    JwkCache(std::unique_ptr<KeySource> source, const core::Clock& clock, AuthStats* stats);

    std::unique_ptr<KeySource> source_;
    const core::Clock& clock_;
    AuthStats* stats_;

    mutable std::mutex mu_;
    std::shared_ptr<const jose::JwkSet> keys_;  // guarded by mu_
    std::optional<TimePoint> expires_at_;       // guarded by mu_
    std::optional<TimePoint> last_attempt_;     // guarded by mu_
    bool refreshing_ = false;                   // guarded by mu_
    std::uint64_t fetches_ = 0;                 // guarded by mu_
};

}  // namespace ward::engine::auth
