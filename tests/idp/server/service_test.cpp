// Service start-up on a real SQLite file: migrations, first start, the health route.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "core/random.hpp"
#include "http/router.hpp"
#include "idp/server/service.hpp"
#include "sql/database.hpp"

namespace ward::idp::server {
namespace {

std::filesystem::path temp_dir() {
    core::SystemRandom random;
    auto dir = std::filesystem::temp_directory_path() / ("ward-idp-service-" + random.token(8));
    return dir;
}

TEST(ServerService, StartsTwiceOnOneDataDir) {
    auto dir = temp_dir();
    Settings settings;
    settings.data_dir = (dir / "nested").string();
    std::string first_password;
    {
        boost::asio::io_context io;
        auto service = Service::create(settings, io);
        ASSERT_TRUE(service) << service.error().to_string();
        EXPECT_TRUE((*service)->bootstrap_result().created);
        ASSERT_TRUE((*service)->bootstrap_result().generated_admin_password.has_value());
        first_password = *(*service)->bootstrap_result().generated_admin_password;
        EXPECT_TRUE(std::filesystem::exists(dir / "nested" / "idp.db"));

        http::Router router;
        (*service)->register_routes(router);
        auto match = router.match(http::Method::kGet, "/api/health");
        ASSERT_EQ(match.kind, http::RouteMatch::Kind::kFound);
        auto req = std::move(http::Request::make(http::Method::kGet, "/api/health")).value();
        auto resp = sql::run_sync(io, (*match.handler)(req));
        EXPECT_EQ(resp.status(), 200u);
        EXPECT_NE(resp.body().find("\"status\":\"ok\""), std::string::npos);
    }
    {
        boost::asio::io_context io;
        auto again = Service::create(settings, io);
        ASSERT_TRUE(again) << again.error().to_string();
        EXPECT_FALSE((*again)->bootstrap_result().created);
        EXPECT_FALSE((*again)->bootstrap_result().generated_admin_password.has_value());
    }
    std::filesystem::remove_all(dir);
}

TEST(ServerService, RefusesABadDatabaseUrl) {
    boost::asio::io_context io;
    Settings settings;
    settings.database_url = "mysql://nope";
    auto service = Service::create(settings, io);
    ASSERT_FALSE(service);
    EXPECT_EQ(service.error().code(), "invalid-argument");
}

}  // namespace
}  // namespace ward::idp::server
