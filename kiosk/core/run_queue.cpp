#include "run_queue.hpp"

namespace kiosk {

void RunQueue::set_waker(std::function<void()> waker) {
    std::lock_guard lock(mutex_);
    waker_ = std::move(waker);
}

void RunQueue::post(Task task) {
    std::function<void()> waker;
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        waker = waker_;
    }
    if (waker) waker();
}

std::size_t RunQueue::run_pending() {
    std::vector<Task> tasks;
    {
        std::lock_guard lock(mutex_);
        tasks.swap(tasks_);
    }
    for (auto& t : tasks) t();
    return tasks.size();
}

}  // namespace kiosk
