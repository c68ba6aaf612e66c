#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace ward::core {
namespace {

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
    ManualClock c(1000);
    EXPECT_EQ(c.unix_seconds(), 1000);
    c.advance(std::chrono::milliseconds(1500));
    EXPECT_EQ(c.unix_seconds(), 1001);
    EXPECT_EQ(c.unix_millis(), 1001500);
    c.set_unix_seconds(5);
    EXPECT_EQ(c.unix_seconds(), 5);
}

TEST(ClockTest, FormatsTimes) {
    ManualClock c(1700000000);
    c.advance(std::chrono::milliseconds(42));
    EXPECT_EQ(format_rfc3339(c.now()), "2023-11-14T22:13:20.042Z");
    EXPECT_EQ(format_casdoor_time(c.now()), "2023-11-14T22:13:20+00:00");
}

TEST(ClockTest, SystemClockIsNearNow) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    EXPECT_NEAR(static_cast<double>(system_clock()->unix_seconds()), static_cast<double>(now), 2.0);
}

}  // namespace
}  // namespace ward::core
