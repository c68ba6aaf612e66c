#include "engine/auth/jwk_cache.hpp"

#include <time.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "engine/auth/session.hpp"

namespace ward::engine::auth {

namespace {

constexpr std::chrono::seconds kMinRefreshInterval{1};
constexpr std::chrono::seconds kStuckRefresh{120};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
    text = trim(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr != text.data() + text.size() || n < 0) return std::nullopt;
    // Cap absurd lifetimes at ten years so the time arithmetic cannot overflow.
    return std::min<std::int64_t>(n, 10LL * 365 * 24 * 3600);
}

std::optional<TimePoint> cache_control_expiry(std::string_view value, TimePoint now) {
    bool must_revalidate = false;
    bool no_cache = false;
    std::optional<std::int64_t> max_age;
    std::optional<std::int64_t> s_maxage;
    while (!value.empty()) {
        const auto comma = value.find(',');
        std::string_view part = trim(value.substr(0, comma));
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
        const auto eq = part.find('=');
        const std::string name = to_lower_ascii(trim(part.substr(0, eq)));
        const std::string_view arg =
            eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
        if (name == "must-revalidate") {
            must_revalidate = true;
        } else if (name == "no-cache" || name == "no-store") {
            no_cache = true;
        } else if (name == "max-age") {
            max_age = parse_seconds(arg);
        } else if (name == "s-maxage") {
            s_maxage = parse_seconds(arg);
        }
    }
    if (must_revalidate) {
        return max_age ? now + std::chrono::seconds(*max_age) : now;
    }
    if (no_cache) return now;
    if (max_age) return now + std::chrono::seconds(*max_age);
    if (s_maxage) return now + std::chrono::seconds(*s_maxage);
    return std::nullopt;
}

int month_index(std::string_view m) {
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (kMonths[i] == m) return i;
    }
    return -1;
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

// "08:49:37"
bool parse_clock(std::string_view s, std::tm& tm) {
    if (s.size() != 8 || s[2] != ':' || s[5] != ':') return false;
    return parse_int(s.substr(0, 2), tm.tm_hour) && parse_int(s.substr(3, 2), tm.tm_min) &&
           parse_int(s.substr(6, 2), tm.tm_sec) && tm.tm_hour < 24 && tm.tm_min < 60 &&
           tm.tm_sec < 61;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        if (s.empty()) break;
        const auto sp = s.find(' ');
        out.push_back(s.substr(0, sp));
        s = sp == std::string_view::npos ? std::string_view{} : s.substr(sp + 1);
    }
    return out;
}

}  // namespace

std::optional<TimePoint> parse_http_date(std::string_view text) {
    const auto words = split_spaces(trim(text));
    std::tm tm{};
    if (words.size() == 6 && words[0].size() == 4 && words[0].back() == ',' && words[5] == "GMT") {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        tm.tm_mon = month_index(words[2]);
        if (!parse_int(words[1], tm.tm_mday) || tm.tm_mon < 0 || !parse_int(words[3], tm.tm_year) ||
            !parse_clock(words[4], tm)) {
            return std::nullopt;
        }
        tm.tm_year -= 1900;
    } else if (words.size() == 4 && words[0].back() == ',' && words[3] == "GMT") {
        // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
        const auto d = words[1];
        if (d.size() != 9 || d[2] != '-' || d[6] != '-') return std::nullopt;
        tm.tm_mon = month_index(d.substr(3, 3));
        if (!parse_int(d.substr(0, 2), tm.tm_mday) || tm.tm_mon < 0 ||
            !parse_int(d.substr(7, 2), tm.tm_year) || !parse_clock(words[2], tm)) {
            return std::nullopt;
        }
        if (tm.tm_year < 70) tm.tm_year += 100;  // two-digit years: 1970..2069
    } else if (words.size() == 5) {
        // asctime: "Sun Nov  6 08:49:37 1994"
        tm.tm_mon = month_index(words[1]);
        if (tm.tm_mon < 0 || !parse_int(words[2], tm.tm_mday) || !parse_clock(words[3], tm) ||
            !parse_int(words[4], tm.tm_year)) {
            return std::nullopt;
        }
        tm.tm_year -= 1900;
    } else {
        return std::nullopt;
    }
    if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 70 || tm.tm_year > 1100) {
        return std::nullopt;
    }
    const time_t t = timegm(&tm);
    if (t == static_cast<time_t>(-1)) return std::nullopt;
    return std::chrono::system_clock::from_time_t(t);
}

std::optional<TimePoint> jwk_expiry(const http::Headers& headers, TimePoint now) {
    if (auto cc = headers.get("Cache-Control")) {
        if (auto t = cache_control_expiry(*cc, now)) return t;
    }
    if (auto expires = headers.get("Expires")) return parse_http_date(*expires);
    return std::nullopt;
}

UrlKeySource::UrlKeySource(http::Client& client, std::string url, const core::Clock& clock)
    : client_(client), url_(std::move(url)), clock_(clock) {}

boost::asio::awaitable<core::Result<KeySetFetch>> UrlKeySource::fetch() {
    auto response = co_await client_.get(url_);
    if (!response) {
        co_return core::Error::unavailable(
            "Error fetching JWK from: " + url_ + ": " + response.error().message(),
            "jwk-fetch-failed");
    }
    if (response->status < 200 || response->status > 299) {
        co_return core::Error::unavailable("Non-2xx response on fetching JWK from: " + url_,
                                           "jwk-fetch-failed");
    }
    auto keys = jose::JwkSet::parse(response->body);
    if (!keys) {
        co_return core::Error::invalid_argument("Error parsing JWK from url: " + url_,
                                                "jwk-fetch-failed");
    }
    co_return KeySetFetch{std::make_shared<const jose::JwkSet>(std::move(*keys)),
                          jwk_expiry(response->headers, clock_.now())};
}

FunctionKeySource::FunctionKeySource(Provider provider, const core::Clock& clock,
                                     std::chrono::seconds refresh_every)
    : provider_(std::move(provider)), clock_(clock), refresh_every_(refresh_every) {}

boost::asio::awaitable<core::Result<KeySetFetch>> FunctionKeySource::fetch() {
    auto keys = provider_ ? provider_() : nullptr;
    if (!keys) co_return core::Error::unavailable("no in-process key set", "jwk-fetch-failed");
    co_return KeySetFetch{std::move(keys), clock_.now() + refresh_every_};
}

JwkCache::JwkCache(std::unique_ptr<KeySource> source, const core::Clock& clock, AuthStats* stats)
    : source_(std::move(source)), clock_(clock), stats_(stats) {}

std::shared_ptr<JwkCache> JwkCache::create(std::unique_ptr<KeySource> source,
                                           const core::Clock& clock, AuthStats* stats) {
    return std::shared_ptr<JwkCache>(new JwkCache(std::move(source), clock, stats));
}

boost::asio::awaitable<core::Status> JwkCache::refresh() {
    {
        std::lock_guard lock(mu_);
        last_attempt_ = clock_.now();
        ++fetches_;
    }
    auto fetched = co_await source_->fetch();
    if (!fetched) {
        if (stats_ != nullptr) bump(stats_->jwks_fetch_failed);
        core::json::object detail;
        detail["jwk_url"] = source_->describe();
        detail["message"] = fetched.error().message();
        core::log().error("jwk-refresh-log", std::move(detail));
        co_return fetched.error();
    }
    {
        std::lock_guard lock(mu_);
        keys_ = std::move(fetched->keys);
        expires_at_ = fetched->expires_at;
    }
    core::json::object detail;
    detail["jwk_url"] = source_->describe();
    detail["message"] = "fetched the JWK set";
    core::log().debug("jwk-refresh-log", std::move(detail));
    co_return core::ok();
}

boost::asio::awaitable<core::Result<std::shared_ptr<const jose::JwkSet>>> JwkCache::keys() {
    std::shared_ptr<const jose::JwkSet> current;
    bool start_refresh = false;
    {
        std::lock_guard lock(mu_);
        current = keys_;
        const auto now = clock_.now();
        // A refresh whose coroutine was abandoned (its io_context stopped) must not block all
        // later ones: after kStuckRefresh the flag is ignored.
        const bool busy = refreshing_ && last_attempt_ && now - *last_attempt_ < kStuckRefresh;
        if (current && expires_at_ && now >= *expires_at_ && !busy &&
            (!last_attempt_ || now - *last_attempt_ >= kMinRefreshInterval)) {
            refreshing_ = true;
            last_attempt_ = now;
            start_refresh = true;
        }
    }
    if (!current) {
        auto status = co_await refresh();
        if (!status) co_return status.error();
        std::lock_guard lock(mu_);
        co_return keys_;
    }
    if (start_refresh) {
        // Keep serving the current set; the refresh installs the next one when it arrives.
        auto executor = co_await boost::asio::this_coro::executor;
        boost::asio::co_spawn(
            executor,
            [self = shared_from_this()]() -> boost::asio::awaitable<void> {
                auto status = co_await self->refresh();
                (void)status;  // logged and counted by refresh()
                std::lock_guard lock(self->mu_);
                self->refreshing_ = false;
            },
            boost::asio::detached);
    }
    co_return current;
}

boost::asio::awaitable<bool> JwkCache::refresh_if_stale() {
    {
        std::lock_guard lock(mu_);
        if (last_attempt_ && clock_.now() - *last_attempt_ < kMinRefreshInterval) co_return false;
    }
    auto status = co_await refresh();
    co_return status.has_value();
}

std::optional<TimePoint> JwkCache::expires_at() const {
    std::lock_guard lock(mu_);
    return expires_at_;
}

std::uint64_t JwkCache::fetch_count() const {
    std::lock_guard lock(mu_);
    return fetches_;
}

bool JwkCache::has_keys() const {
    std::lock_guard lock(mu_);
    return keys_ != nullptr;
}

}  // namespace ward::engine::auth
