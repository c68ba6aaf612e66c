#include "engine/graphql/ast.hpp"

namespace ward::engine::graphql {

TypeRef TypeRef::of_type() const {
    TypeRef t = *this;
    if (t.count_ > 0) {
        --t.count_;
        t.bits_ >>= 1;
    }
    return t;
}

bool TypeRef::wrap_list(TypeRef& out) const {
    if (count_ >= kMaxWrappers) return false;
    out = *this;
    out.bits_ = bits_ << 1;
    ++out.count_;
    return true;
}

bool TypeRef::wrap_non_null(TypeRef& out) const {
    if (count_ >= kMaxWrappers) return false;
    out = *this;
    out.bits_ = (bits_ << 1) | 1u;
    ++out.count_;
    return true;
}

std::string TypeRef::to_string() const {
    std::string prefix;
    std::string suffix;
    for (std::uint32_t i = count_; i-- > 0;) {
        // Build from the innermost wrapper outwards.
        if ((bits_ >> i) & 1u) {
            suffix.push_back('!');
        } else {
            prefix.push_back('[');
            suffix.push_back(']');
        }
    }
    // Wrapper i=count-1 is innermost: '[' opened for it must come last in the prefix.
    std::string out(prefix.rbegin(), prefix.rend());
    out.append(name_);
    out.append(suffix);
    return out;
}

namespace ast {

std::string_view to_string(OperationType type) {
    switch (type) {
        case OperationType::kQuery:
            return "query";
        case OperationType::kMutation:
            return "mutation";
        case OperationType::kSubscription:
            return "subscription";
    }
    return "query";
}

}  // namespace ast
}  // namespace ward::engine::graphql
