// The device's health lines from facts: each threshold gives its state and what to do.
#include <catch2/catch.hpp>

#include "kiosk/core/health.hpp"
#include "health_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
using test::part;
}  // namespace

TEST_CASE("Disk: plenty free is OK, under 500 MB attention, under 100 MB out of order, unknown said so") {
    HealthFacts f = test::healthy_facts();
    auto disk = part(assess_health(f), "disk");
    CHECK(disk.state == HealthState::Ok);
    CHECK(disk.values["free"] == "12 Go");
    CHECK(disk.todo.empty());
    f.disk.free_bytes = 300ull * 1024 * 1024;
    disk = part(assess_health(f), "disk");
    CHECK(disk.state == HealthState::Attention);
    CHECK(disk.values["free"] == "300 Mo");
    CHECK(disk.todo == "agent.health.disk_todo");
    f.disk.free_bytes = 50ull * 1024 * 1024;
    CHECK(part(assess_health(f), "disk").state == HealthState::Down);
    f.disk.free_bytes = 1536ull * 1024 * 1024;
    CHECK(part(assess_health(f), "disk").values.at("free") == "1,5 Go");  // a French decimal comma
    f.disk.known = false;
    CHECK(part(assess_health(f), "disk").words == "agent.health.disk_unknown");
}

TEST_CASE("Network: from the outbox's courier, how long messages have waited and whether any was refused") {
    HealthFacts f = test::healthy_facts();
    CHECK(part(assess_health(f), "network").state == HealthState::Ok);
    f.courier.pending = 3;
    f.courier.oldest_pending_at = f.now - 20min;
    CHECK(part(assess_health(f), "network").state == HealthState::Ok);  // on its way
    f.courier.oldest_pending_at = f.now - 2h;
    auto net = part(assess_health(f), "network");
    CHECK(net.state == HealthState::Attention);
    CHECK(net.values["hours"] == "2");
    CHECK(net.todo == "agent.health.network_todo");
    f.courier.oldest_pending_at = f.now - 30h;
    CHECK(part(assess_health(f), "network").state == HealthState::Down);
    f = test::healthy_facts();
    f.courier.dead = 1;  // refused for good: someone must look
    CHECK(part(assess_health(f), "network").state == HealthState::Down);
    f = test::healthy_facts();
    f.courier.has_server = false;
    CHECK(part(assess_health(f), "network").words == "agent.health.network_none");
}

TEST_CASE("The data folder's free space is read from the file system") {
    test::TempDir dir;
    const DiskSpace d = disk_space(dir.path);
    CHECK(d.known);
    CHECK(d.total_bytes > 0);
    CHECK(d.free_bytes <= d.total_bytes);
    CHECK_FALSE(disk_space(dir.path / "missing" / "deeper").known);
}
