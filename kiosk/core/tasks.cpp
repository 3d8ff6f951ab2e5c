#include "tasks.hpp"

#include <algorithm>

#include "log.hpp"

namespace kiosk {

TaskRunner::TaskRunner(RunQueue& ui, int max_workers) : ui_(ui), max_workers_(std::max(1, max_workers)) {}

TaskRunner::~TaskRunner() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        for (Job& j : queue_) j.task.cancel();
        for (Job* j : running_) j->task.cancel();
        queue_.clear();
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
}

Task TaskRunner::post(TaskGroup group, std::string name, std::function<void(const Task&)> work) {
    Task task;
    submit(group, std::move(name), task, [task, work = std::move(work)] { work(task); });
    return task;
}

void TaskRunner::submit(TaskGroup group, std::string name, Task task, std::function<void()> body) {
    {
        std::lock_guard lock(mutex_);
        if (stop_) return;
        queue_.push_back(Job{group, std::move(name), std::move(task), std::move(body)});
        // A worker more while all are busy, up to the limit: an idle kiosk keeps no thread it never needed.
        if (busy_ + static_cast<int>(queue_.size()) > static_cast<int>(workers_.size()) &&
            static_cast<int>(workers_.size()) < max_workers_)
            workers_.emplace_back([this] { work(); });
    }
    wake_.notify_one();
}

void TaskRunner::cancel(TaskGroup group) {
    std::lock_guard lock(mutex_);
    for (Job& j : queue_)
        if (j.group == group) j.task.cancel();
    std::erase_if(queue_, [group](const Job& j) { return j.group == group; });
    for (Job* j : running_)
        if (j->group == group) j->task.cancel();
    if (queue_.empty() && busy_ == 0) idle_.notify_all();
}

std::size_t TaskRunner::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + static_cast<std::size_t>(busy_);
}

bool TaskRunner::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && busy_ == 0; });
}

void TaskRunner::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        Job job = std::move(queue_.front());
        queue_.pop_front();
        ++busy_;
        running_.push_back(&job);
        lock.unlock();
        if (!job.task.cancelled()) {
            try {
                job.body();
            } catch (const std::exception& e) {  // a task's failure is its own, never the loop's
                log::error("task ", job.name, ": ", e.what());
            }
        }
        job.body = nullptr;  // what it captured goes now, not when the next task comes
        lock.lock();
        std::erase(running_, &job);
        --busy_;
        if (queue_.empty() && busy_ == 0) idle_.notify_all();
    }
}

}  // namespace kiosk
