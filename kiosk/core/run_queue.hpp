#pragma once
// Work finished on other threads comes back to the UI thread through this queue, which also wakes the loop.
#include <functional>
#include <mutex>
#include <vector>

namespace kiosk {

class RunQueue {
  public:
    using Task = std::function<void()>;
    void set_waker(std::function<void()> waker);  // called (from any thread) after each post
    void post(Task task);                         // any thread
    std::size_t run_pending();                    // UI thread: runs what was posted, returns how many

  private:
    std::mutex mutex_;
    std::vector<Task> tasks_;
    std::function<void()> waker_;
};

}  // namespace kiosk
