#include "core/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "core/encoding.hpp"

namespace ward::core {

std::string Random::bytes(std::size_t n) {
    std::string out(n, '\0');
    fill(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(out.data()), n));
    return out;
}

std::string Random::token(std::size_t n) { return base64url_encode(bytes(n)); }

std::string Random::alphanumeric(std::size_t n) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(n);
    while (out.size() < n) {
        std::uint8_t b[32];
        fill(b);
        for (std::uint8_t c : b) {
            // 62 * 4 = 248: reject the top values so every character is equally likely.
            if (c < 248 && out.size() < n) out.push_back(kAlphabet[c % 62]);
        }
    }
    return out;
}

std::uint64_t Random::next_u64() {
    std::uint8_t b[8];
    fill(b);
    std::uint64_t v = 0;
    for (std::uint8_t c : b) v = (v << 8) | c;
    return v;
}

void SystemRandom::fill(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "fatal: getrandom failed (errno %d)\n", errno);
            std::abort();
        }
        done += static_cast<std::size_t>(n);
    }
}

SeededRandom::SeededRandom(std::uint64_t seed) : state_(seed ? seed : 0x9E3779B97F4A7C15ull) {}

void SeededRandom::fill(std::span<std::uint8_t> out) {
    std::lock_guard lock(mu_);
    for (auto& b : out) {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        b = static_cast<std::uint8_t>(state_ >> 24);
    }
}

std::shared_ptr<Random> system_random() {
    static const std::shared_ptr<Random> random = std::make_shared<SystemRandom>();
    return random;
}

}  // namespace ward::core
