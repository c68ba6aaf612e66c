// core::Clock: the one source of wall-clock time, injectable so that tests of expiry, skew and
// lockout never sleep and never flake (LevelDB's Env idea).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace ward::core {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;

    // Seconds since the Unix epoch, as JWT `iat`/`exp` use.
    std::int64_t unix_seconds() const;
    std::int64_t unix_millis() const;
};

// The real clock. Thread-safe.
class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override;
};

// A clock that stands still until told to move. Thread-safe.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(std::int64_t unix_seconds = 1'700'000'000);
    std::chrono::system_clock::time_point now() const override;
    void set_unix_seconds(std::int64_t s);
    void advance(std::chrono::milliseconds d);

  private:
    std::atomic<std::int64_t> millis_;
};

// A process-wide SystemClock, for production wiring.
std::shared_ptr<Clock> system_clock();

// RFC 3339 UTC with milliseconds ("2026-11-29T03:32:50.123Z"), as Hasura's logs print.
std::string format_rfc3339(std::chrono::system_clock::time_point t);
// RFC 3339 UTC with seconds and a "+00:00" suffix, as Casdoor stores createdTime.
std::string format_casdoor_time(std::chrono::system_clock::time_point t);

}  // namespace ward::core
