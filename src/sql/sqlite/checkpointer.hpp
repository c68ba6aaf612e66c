// Copies a WAL database's log back into its file on a thread of its own. SQLite's automatic
// checkpoint runs inside the commit that crosses the threshold, so that commit (and every write
// queued behind it on the one writer) waited for the copy and its fsync: with the token endpoint
// writing continuously, the CPUs sat idle meanwhile (issue #7). Here the writer's commit only
// wakes this thread, which runs a PASSIVE checkpoint on its own connection; that never blocks the
// writer. Should the log still grow past four times the threshold (a checkpoint cannot catch up),
// the writer checkpoints inline as before. Private to src/sql.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace ward::sql::sqlite {

class Checkpointer {
  public:
    // Pages in the log (of 8 KiB on new databases) at which a checkpoint starts.
    static constexpr int kThresholdPages = 5000;

    explicit Checkpointer(std::string path);
    ~Checkpointer();  // stops the thread; SQLite checkpoints again when the last connection closes
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    // Takes over the writer's WAL hook (SQLite's automatic checkpoint is then off for it).
    void watch(sqlite3* writer);

  private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
    void run();

    const std::string path_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool wanted_ = false;  // guarded by mu_
    bool stop_ = false;    // guarded by mu_
    std::thread thread_;
};

}  // namespace ward::sql::sqlite
