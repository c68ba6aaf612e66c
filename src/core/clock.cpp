#include "core/clock.hpp"

#include <ctime>

namespace ward::core {

std::int64_t Clock::unix_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::int64_t Clock::unix_millis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
}

std::chrono::system_clock::time_point SystemClock::now() const {
    return std::chrono::system_clock::now();
}

ManualClock::ManualClock(std::int64_t unix_seconds) : millis_(unix_seconds * 1000) {}

std::chrono::system_clock::time_point ManualClock::now() const {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis_.load()));
}

void ManualClock::set_unix_seconds(std::int64_t s) { millis_.store(s * 1000); }

void ManualClock::advance(std::chrono::milliseconds d) { millis_.fetch_add(d.count()); }

std::shared_ptr<Clock> system_clock() {
    static const std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
    return clock;
}

namespace {
std::tm utc_tm(std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return tm;
}
}  // namespace

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
    std::tm tm = utc_tm(t);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    if (ms < 0) ms += 1000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return buf;
}

std::string format_casdoor_time(std::chrono::system_clock::time_point t) {
    std::tm tm = utc_tm(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

}  // namespace ward::core
