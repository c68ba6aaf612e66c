// Runs a blocking function on another executor (the SQLite thread pool) and resumes the calling
// coroutine on its own executor, keeping that executor's io_context busy meanwhile.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>
#include <utility>

namespace ward::sql::detail {

template <typename Executor, typename F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_blocking(Executor pool, F fn) {
    using R = std::invoke_result_t<F&>;
    namespace asio = boost::asio;
    // Named, not a temporary in the co_await operand: g++ 12 may destroy those twice.
    auto initiation = [pool](auto handler, F f) mutable {
        auto caller = asio::prefer(asio::get_associated_executor(handler),
                                   asio::execution::outstanding_work.tracked);
        asio::post(pool, [handler = std::move(handler), f = std::move(f),
                          caller = std::move(caller)]() mutable {
            R result = f();
            asio::post(caller,
                       [handler = std::move(handler), result = std::move(result)]() mutable {
                           std::move(handler)(std::move(result));
                       });
        });
    };
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(R)>(
        std::move(initiation), asio::use_awaitable, std::move(fn));
}

}  // namespace ward::sql::detail
