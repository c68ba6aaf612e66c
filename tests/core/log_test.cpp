#include "core/log.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ward::core {
namespace {

TEST(LogTest, WritesOneJsonLinePerEvent) {
    Logger logger;
    std::vector<std::string> lines;
    logger.set_sink([&](std::string_view l) { lines.emplace_back(l); });
    logger.info("startup", json::object{{"kind", "server_configuration"}});
    ASSERT_EQ(lines.size(), 1u);
    ASSERT_EQ(lines[0].back(), '\n');
    auto v = parse_json(std::string_view(lines[0]).substr(0, lines[0].size() - 1));
    ASSERT_TRUE(v);
    const auto& o = v->as_object();
    EXPECT_EQ(get_string(o, "type"), "startup");
    EXPECT_EQ(get_string(o, "level"), "info");
    EXPECT_TRUE(get_string(o, "timestamp").has_value());
    EXPECT_EQ(get_string(*get_object(o, "detail"), "kind"), "server_configuration");
}

TEST(LogTest, FiltersByLevelAndType) {
    Logger logger;
    int count = 0;
    logger.set_sink([&](std::string_view) { ++count; });
    logger.set_level(LogLevel::kWarn);
    logger.info("startup", nullptr);
    EXPECT_EQ(count, 0);
    logger.warn("startup", nullptr);
    EXPECT_EQ(count, 1);
    logger.set_level(LogLevel::kDebug);
    logger.set_enabled_types({"startup"});
    logger.info("http-log", nullptr);
    EXPECT_EQ(count, 1);
    logger.error("http-log", nullptr);  // errors are always written
    EXPECT_EQ(count, 2);
}

TEST(LogTest, ParsesLevels) {
    EXPECT_EQ(*parse_log_level("warn"), LogLevel::kWarn);
    EXPECT_FALSE(parse_log_level("loud"));
}

}  // namespace
}  // namespace ward::core
