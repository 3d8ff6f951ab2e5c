#pragma once
// The one place where background work runs: scan decoding, online checks, printing, imports, map tiles, the
// agent's figures. A few worker threads, started when first needed, take tasks in order; what a task returns
// comes back on the UI thread through the RunQueue, which also wakes the loop. Nothing waits for a task on
// the UI thread: a task is cancelled instead (a flag its work may read; its answer is then dropped). The wipe
// cancels every task of the citizen's group. Only the destructor (at shutdown) joins the workers.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "run_queue.hpp"

namespace kiosk {

enum class TaskGroup {
    Citizen,  // work for the person at the screen (a pass check, a ticket, a decode): cancelled by the wipe
    Kiosk,    // work for the kiosk itself (loading content, tiles, the agent's figures)
};

// What a task sees of its cancellation, and what its owner keeps to cancel it. Copies share one flag.
class Task {
  public:
    Task() : cancelled_(std::make_shared<std::atomic<bool>>(false)) {}
    bool cancelled() const { return cancelled_->load(); }  // any thread: long work checks it now and then
    void cancel() const { cancelled_->store(true); }  // any thread; the answer is dropped on the UI thread

  private:
    std::shared_ptr<std::atomic<bool>> cancelled_;
};

class TaskRunner {
  public:
    explicit TaskRunner(RunQueue& ui, int max_workers = 3);
    ~TaskRunner();  // cancels what is left and joins the workers
    TaskRunner(const TaskRunner&) = delete;
    TaskRunner& operator=(const TaskRunner&) = delete;

    // Runs `work(task)` on a worker, then `done(result)` on the UI thread unless the task was cancelled by
    // then. `work` must not touch its owner's members: it gets copies, the owner may be gone when it ends.
    template <class Work, class Done>
    Task run(TaskGroup group, const std::string& name, Work work, Done done) {
        Task task;
        RunQueue* ui = &ui_;
        submit(group, name, task, [task, ui, work = std::move(work), done = std::move(done)]() mutable {
            using R = std::invoke_result_t<Work&, const Task&>;
            if constexpr (std::is_void_v<R>) {
                work(task);
                if (task.cancelled()) return;
                ui->post([task, done = std::move(done)]() mutable {
                    if (!task.cancelled()) done();
                });
            } else {
                auto result = std::make_shared<R>(work(task));
                if (task.cancelled()) return;
                ui->post([task, result, done = std::move(done)]() mutable {
                    if (!task.cancelled()) done(std::move(*result));
                });
            }
        });
        return task;
    }
    // Work with nothing to answer on the UI thread.
    Task post(TaskGroup group, std::string name, std::function<void(const Task&)> work);

    void cancel(TaskGroup group);  // UI thread: the wipe; queued tasks are dropped, running ones told
    std::size_t pending() const;   // tasks queued or running
    // Tests and tools only (never the UI loop): waits until nothing is queued or running. False on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);
    RunQueue& ui() { return ui_; }

  private:
    struct Job {
        TaskGroup group;
        std::string name;
        Task task;
        std::function<void()> body;
    };
    void submit(TaskGroup group, std::string name, Task task, std::function<void()> body);
    void work();

    RunQueue& ui_;
    const int max_workers_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<Job> queue_;
    std::vector<Job*> running_;  // for cancel(group)
    std::vector<std::thread> workers_;
    int busy_ = 0;
    bool stop_ = false;
};

}  // namespace kiosk
