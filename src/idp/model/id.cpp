#include "idp/model/id.hpp"

#include <algorithm>

namespace ward::idp::model {

core::Result<ObjectId> parse_id(std::string_view id) {
    if (std::count(id.begin(), id.end(), '/') != 1) {
        return core::Error::invalid_argument(
            "GetOwnerAndNameFromId() error, wrong token count for ID: " + std::string(id),
            "invalid-id");
    }
    auto slash = id.find('/');
    ObjectId out{std::string(id.substr(0, slash)), std::string(id.substr(slash + 1))};
    if (out.owner.empty() || out.name.empty()) {
        return core::Error::invalid_argument(
            "the id must have a non-empty owner and name: " + std::string(id), "invalid-id");
    }
    return out;
}

std::string format_id(std::string_view owner, std::string_view name) {
    std::string out;
    out.reserve(owner.size() + 1 + name.size());
    out.append(owner).append("/").append(name);
    return out;
}

}  // namespace ward::idp::model
