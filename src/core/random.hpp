// core::Random: the one source of randomness (keys, tokens, codes, salts, UUIDs), injectable so
// that tests are repeatable. The system implementation reads the kernel CSPRNG (getrandom(2)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>

namespace ward::core {

class Random {
  public:
    virtual ~Random() = default;
    // Fills `out` with random bytes. Never fails: a CSPRNG failure is fatal (aborts).
    virtual void fill(std::span<std::uint8_t> out) = 0;

    std::string bytes(std::size_t n);
    // n random bytes, base64url without padding (a 32-byte token gives 43 characters).
    std::string token(std::size_t n = 32);
    // A string of `n` characters from [A-Za-z0-9], unbiased.
    std::string alphanumeric(std::size_t n);
    std::uint64_t next_u64();
};

// Cryptographically secure; thread-safe.
class SystemRandom final : public Random {
  public:
    void fill(std::span<std::uint8_t> out) override;
};

// Deterministic (xorshift-based) for tests; never for production. Thread-safe.
class SeededRandom final : public Random {
  public:
    explicit SeededRandom(std::uint64_t seed = 42);
    void fill(std::span<std::uint8_t> out) override;

  private:
    std::mutex mu_;
    std::uint64_t state_;
};

std::shared_ptr<Random> system_random();

}  // namespace ward::core
