#include "idp/store/store.hpp"

namespace ward::idp::store {

Store::Store(std::shared_ptr<sql::Database> db, std::shared_ptr<core::Clock> clock,
             std::shared_ptr<core::Random> random)
    : db_(std::move(db)), clock_(std::move(clock)), random_(std::move(random)) {}

std::string Store::now_text() const { return core::format_casdoor_time(clock_->now()); }

}  // namespace ward::idp::store
