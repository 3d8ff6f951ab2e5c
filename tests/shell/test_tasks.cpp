// The task runner: work off the UI thread, answers through the run queue, cancellation that never waits.
#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/tasks.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("a task's answer comes back on the UI thread through the run queue") {
    RunQueue ui;
    int wakes = 0;
    ui.set_waker([&] { ++wakes; });
    TaskRunner tasks(ui);
    const auto ui_thread = std::this_thread::get_id();
    std::thread::id worked_on;
    int answer = 0;
    bool answered_on_ui = false;
    tasks.run(
        TaskGroup::Kiosk, "sum",
        [&](const Task&) {
            worked_on = std::this_thread::get_id();
            return 40 + 2;
        },
        [&](int v) {
            answer = v;
            answered_on_ui = std::this_thread::get_id() == ui_thread;
        });
    REQUIRE(tasks.wait_idle(5s));
    CHECK(worked_on != ui_thread);
    CHECK(answer == 0);  // nothing runs on the UI thread before the loop takes the queue
    CHECK(wakes >= 1);
    CHECK(ui.run_pending() == 1);
    CHECK(answer == 42);
    CHECK(answered_on_ui);
}

TEST_CASE("a cancelled group's answers are dropped, queued work never starts, the other group goes on") {
    RunQueue ui;
    TaskRunner tasks(ui, 1);
    std::promise<void> release, started;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> saw_cancel{false}, second_ran{false};
    int citizen_answers = 0, kiosk_answers = 0;
    tasks.run(
        TaskGroup::Citizen, "blocked",
        [&, released](const Task& t) {
            started.set_value();
            released.wait();
            saw_cancel = t.cancelled();
            return 1;
        },
        [&](int) { ++citizen_answers; });
    tasks.run(
        TaskGroup::Citizen, "queued", [&](const Task&) { second_ran = true; }, [&] { ++citizen_answers; });
    tasks.run(
        TaskGroup::Kiosk, "kept", [](const Task&) { return 2; }, [&](int) { ++kiosk_answers; });
    started.get_future().wait();       // the first task is running, the second is queued behind it
    tasks.cancel(TaskGroup::Citizen);  // returns at once although the first task is still blocked
    CHECK(tasks.pending() >= 1);
    release.set_value();
    REQUIRE(tasks.wait_idle(5s));
    ui.run_pending();
    CHECK(saw_cancel);
    CHECK_FALSE(second_ran);
    CHECK(citizen_answers == 0);
    CHECK(kiosk_answers == 1);
}

TEST_CASE("an answer already posted is dropped when its task is cancelled before the loop runs it") {
    RunQueue ui;
    TaskRunner tasks(ui);
    int answers = 0;
    Task t = tasks.run(
        TaskGroup::Kiosk, "late", [](const Task&) { return 1; }, [&](int) { ++answers; });
    REQUIRE(tasks.wait_idle(5s));
    t.cancel();
    ui.run_pending();
    CHECK(answers == 0);
}

TEST_CASE("the wipe cancels the citizen's tasks and does not wait for them") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    Kiosk kiosk(config, Translator{}, TimePoint{}, test::test_clock());
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool answered = false;
    TimePoint t{};
    kiosk.dispatch(ev::Start{}, t += 1s);
    // As an online pass check that hangs on the network.
    kiosk.tasks().run(
        TaskGroup::Citizen, "online check",
        [released](const Task&) {
            released.wait();
            return 1;
        },
        [&](int) { answered = true; });
    kiosk.dispatch(ev::Finish{}, t += 1s);  // would never return if the wipe waited for the check
    CHECK(kiosk.wipe_count() == 1);
    CHECK(kiosk.screen() == Screen::Goodbye);
    release.set_value();
    REQUIRE(kiosk.tasks().wait_idle(5s));
    kiosk.run_queue().run_pending();
    CHECK_FALSE(answered);
}
