#include "idp/server/context.hpp"

#include "idp/server/bootstrap.hpp"
#include "idp/server/caller.hpp"
#include "idp/server/service.hpp"

namespace ward::idp::server {

Context::Context(std::shared_ptr<store::Store> store, std::shared_ptr<core::Clock> clock,
                 std::shared_ptr<core::Random> random, Settings settings)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      random_(std::move(random)),
      settings_(std::move(settings)),
      keys_(std::make_unique<SigningKeyCache>(store_)) {}

}  // namespace ward::idp::server
