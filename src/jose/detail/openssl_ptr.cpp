#include "jose/detail/openssl_ptr.hpp"

#include <openssl/err.h>

#include <climits>

namespace ward::jose::detail {

std::string openssl_errors() {
    std::string out;
    char buf[256];
    while (unsigned long e = ERR_get_error()) {
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.empty()) out += "; ";
        out += buf;
    }
    return out.empty() ? "unknown OpenSSL error" : out;
}

void clear_errors() { ERR_clear_error(); }

BioPtr memory_bio(std::string_view data) {
    if (data.size() > static_cast<std::size_t>(INT_MAX)) return BioPtr(BIO_new(BIO_s_mem()));
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string bio_contents(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    if (n <= 0 || data == nullptr) return {};
    return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace ward::jose::detail
