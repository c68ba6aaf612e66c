// JWK set expiry from Cache-Control / Expires (spec/hasura.md §1.5), the JwkCache refresh rules,
// and a JWKS fetched from a real local HTTP server.
#include "engine/auth/jwk_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "core/log.hpp"
#include "engine/auth/test_support.hpp"
#include "http/test_support.hpp"
#include "jose/jwk.hpp"

namespace ward::engine::auth {
namespace {

using std::chrono::seconds;
namespace json = core::json;

TimePoint at(std::int64_t unix) { return TimePoint(seconds(unix)); }

std::optional<std::int64_t> expiry(std::initializer_list<std::pair<std::string, std::string>> hs) {
    http::Headers headers;
    for (const auto& [k, v] : hs) headers.add(k, v);
    auto t = jwk_expiry(headers, at(test::kNow));
    if (!t) return std::nullopt;
    return std::chrono::duration_cast<seconds>(t->time_since_epoch()).count() - test::kNow;
}

TEST(AuthJwkExpiryTest, CacheControlRules) {
    EXPECT_EQ(expiry({{"Cache-Control", "max-age=300"}}), 300);
    EXPECT_EQ(expiry({{"cache-control", "public, s-maxage=120"}}), 120);
    EXPECT_EQ(expiry({{"Cache-Control", "s-maxage=120, max-age=60"}}), 60);
    EXPECT_EQ(expiry({{"Cache-Control", "must-revalidate, max-age=30"}}), 30);
    EXPECT_EQ(expiry({{"Cache-Control", "must-revalidate"}}), 0);
    EXPECT_EQ(expiry({{"Cache-Control", "no-cache"}}), 0);
    EXPECT_EQ(expiry({{"Cache-Control", "max-age=600, No-Store"}}), 0);
    EXPECT_EQ(expiry({{"Cache-Control", "MAX-AGE=\"45\""}}), 45);
}

TEST(AuthJwkExpiryTest, ExpiresIsTheFallback) {
    // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT.
    EXPECT_EQ(expiry({{"Expires", "Tue, 14 Nov 2023 22:23:20 GMT"}}), 600);
    // A Cache-Control with nothing usable falls through to Expires.
    EXPECT_EQ(expiry({{"Cache-Control", "public"}, {"Expires", "Tue, 14 Nov 2023 22:14:20 GMT"}}),
              60);
    // Cache-Control wins when usable.
    EXPECT_EQ(
        expiry({{"Cache-Control", "max-age=5"}, {"Expires", "Tue, 14 Nov 2023 22:23:20 GMT"}}), 5);
    EXPECT_EQ(expiry({{"Expires", "Tuesday, 14-Nov-23 22:13:30 GMT"}}), 10);
    EXPECT_EQ(expiry({{"Expires", "Tue Nov 14 22:13:40 2023"}}), 20);
}

TEST(AuthJwkExpiryTest, NoExpiryWhenAbsentOrUnparseable) {
    EXPECT_EQ(expiry({}), std::nullopt);
    EXPECT_EQ(expiry({{"Cache-Control", "max-age=abc"}}), std::nullopt);
    EXPECT_EQ(expiry({{"Cache-Control", "max-age=-5"}}), std::nullopt);
    for (std::string bad :
         {"0", "yesterday", "Tue, 32 Nov 2023 22:23:20 GMT", "Tue, 14 Foo 2023 22:23:20 GMT",
          "Tue, 14 Nov 2023 25:23:20 GMT", "Tue, 14 Nov 2023 22:23:20 PST", ""}) {
        EXPECT_EQ(expiry({{"Expires", bad}}), std::nullopt) << bad;
    }
}

// A source that counts fetches and can be told to fail.
class FakeSource final : public KeySource {
  public:
    FakeSource(const core::Clock& clock, std::optional<seconds> ttl) : clock_(clock), ttl_(ttl) {}
    boost::asio::awaitable<core::Result<KeySetFetch>> fetch() override {
        ++*fetches;
        if (*fail) co_return core::Error::unavailable("boom", "jwk-fetch-failed");
        auto set = std::make_shared<const jose::JwkSet>();
        std::optional<TimePoint> exp;
        if (ttl_) exp = clock_.now() + *ttl_;
        co_return KeySetFetch{set, exp};
    }
    std::string describe() const override { return "fake"; }

    std::shared_ptr<std::atomic<int>> fetches = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<bool>> fail = std::make_shared<std::atomic<bool>>(false);

  private:
    const core::Clock& clock_;
    std::optional<seconds> ttl_;
};

TEST(AuthJwkCacheTest, FetchesOnceUntilExpiryThenRefreshesInBackground) {
    core::ManualClock clock(test::kNow);
    AuthStats stats;
    auto source = std::make_unique<FakeSource>(clock, seconds(60));
    auto fetches = source->fetches;
    auto fail = source->fail;
    auto cache = JwkCache::create(std::move(source), clock, &stats);

    auto first = test::run(cache->keys());
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(*fetches, 1);
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    EXPECT_EQ(*fetches, 1);  // still fresh

    clock.advance(seconds(61));
    auto stale = test::run(cache->keys());  // served at once; refresh runs alongside
    ASSERT_TRUE(stale.has_value());
    EXPECT_EQ(stale->get(), first->get());
    EXPECT_EQ(*fetches, 2);
    EXPECT_NE(test::run(cache->keys())->get(), first->get());  // the refreshed set

    // A failing refresh keeps the previous set, counts, logs, and retries after a second.
    std::vector<std::string> lines;
    core::Logger::global().set_sink([&](std::string_view l) { lines.emplace_back(l); });
    *fail = true;
    clock.advance(seconds(61));
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    EXPECT_EQ(*fetches, 3);
    EXPECT_EQ(stats.jwks_fetch_failed.load(), 1u);
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.back().find("\"type\":\"jwk-refresh-log\""), std::string::npos);
    EXPECT_NE(lines.back().find("boom"), std::string::npos);
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    EXPECT_EQ(*fetches, 3);  // under a second since the failed attempt
    clock.advance(seconds(1));
    *fail = false;
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    EXPECT_EQ(*fetches, 4);
    core::Logger::global().set_sink([](std::string_view) {});
}

TEST(AuthJwkCacheTest, NoExpiryMeansNoRefresh) {
    core::ManualClock clock(test::kNow);
    auto source = std::make_unique<FakeSource>(clock, std::nullopt);
    auto fetches = source->fetches;
    auto cache = JwkCache::create(std::move(source), clock);
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    clock.advance(std::chrono::hours(24 * 365));
    EXPECT_TRUE(test::run(cache->keys()).has_value());
    EXPECT_EQ(*fetches, 1);
    EXPECT_FALSE(cache->expires_at().has_value());
}

TEST(AuthJwkCacheTest, FirstFetchFailureIsAnError) {
    core::ManualClock clock(test::kNow);
    AuthStats stats;
    auto source = std::make_unique<FakeSource>(clock, seconds(60));
    *source->fail = true;
    auto cache = JwkCache::create(std::move(source), clock, &stats);
    core::Logger::global().set_sink([](std::string_view) {});
    auto r = test::run(cache->keys());
    core::Logger::global().set_sink([](std::string_view) {});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), "jwk-fetch-failed");
    EXPECT_FALSE(cache->has_keys());
    EXPECT_EQ(stats.jwks_fetch_failed.load(), 1u);
}

TEST(AuthJwkCacheTest, FunctionKeySourceServesTheInProcessSet) {
    core::ManualClock clock(test::kNow);
    auto set = std::make_shared<const jose::JwkSet>();
    auto cache =
        JwkCache::create(std::make_unique<FunctionKeySource>([set] { return set; }, clock), clock);
    auto r = test::run(cache->keys());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->get(), set.get());
    auto empty = JwkCache::create(std::make_unique<FunctionKeySource>(nullptr, clock), clock);
    core::Logger::global().set_sink([](std::string_view) {});
    EXPECT_FALSE(test::run(empty->keys()).has_value());
    core::Logger::global().set_sink([](std::string_view) {});
}

TEST(AuthJwkCacheTest, FetchesFromARealHttpServer) {
    std::atomic<int> hits{0};
    http::Router router;
    test::serve_rsa_jwks(router, hits, "public, max-age=120");
    router.get("/broken", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::json(200, "{\"nokeys\":1}");
    });
    router.get("/down", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::text(503, "down");
    });
    http::test::TestServer server(std::move(router));
    http::Client client;
    core::ManualClock clock(test::kNow);

    UrlKeySource source(client, server.url("/jwks"), clock);
    auto fetched = test::run(source.fetch());
    ASSERT_TRUE(fetched.has_value()) << fetched.error().to_string();
    ASSERT_EQ(fetched->keys->keys().size(), 1u);
    EXPECT_EQ(fetched->keys->keys()[0].kid, "k1");
    EXPECT_EQ(*fetched->expires_at, at(test::kNow + 120));
    EXPECT_EQ(hits.load(), 1);

    const std::string broken = server.url("/broken");
    auto bad = test::run(UrlKeySource(client, broken, clock).fetch());
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message(), "Error parsing JWK from url: " + broken);
    const std::string down = server.url("/down");
    auto non2xx = test::run(UrlKeySource(client, down, clock).fetch());
    ASSERT_FALSE(non2xx.has_value());
    EXPECT_EQ(non2xx.error().message(), "Non-2xx response on fetching JWK from: " + down);
}

}  // namespace
}  // namespace ward::engine::auth
