#include "engine/sqlgen/sql_statement.hpp"

namespace ward::engine::sqlgen {

std::size_t SqlBuilder::index_of(std::size_t slot, catalog::ScalarType scalar, bool array,
                                 bool capture) {
    const auto key = std::make_tuple(slot, scalar, array, capture);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    params_.push_back(ParamRef{.slot = slot, .scalar = scalar, .array = array, .capture = capture});
    index_.emplace(key, params_.size());
    return params_.size();
}

std::string SqlBuilder::param(std::size_t slot, catalog::ScalarType scalar,
                              std::string_view db_type) {
    return dialect_.cast_param(index_of(slot, scalar, false), scalar, db_type);
}

std::string SqlBuilder::raw_param(std::size_t slot, catalog::ScalarType scalar) {
    return dialect_.placeholder(index_of(slot, scalar, false));
}

std::string SqlBuilder::list_param(std::size_t slot, catalog::ScalarType scalar,
                                   std::string_view db_type) {
    return dialect_.list_param(index_of(slot, scalar, true), scalar, db_type);
}

std::string SqlBuilder::capture_param(std::size_t buffer) {
    return dialect_.placeholder(index_of(buffer, catalog::ScalarType::kJson, false, true));
}

SqlStep SqlBuilder::finish(StepKind kind) && {
    return SqlStep{.kind = kind, .text = std::move(text_), .params = std::move(params_)};
}

}  // namespace ward::engine::sqlgen
