#pragma once
// Workshop sessions ("ateliers"): a collective session at a place, on a topic, at a level, with seats. They
// come from three sources behind one interface (sources.hpp): the kiosk's content (places that take
// bookings by phone), a hub speaking the kiosk booking protocol (docs/booking-protocol.openapi.yaml), and
// RDV Service Public's collective rdvs. Times are Europe/Paris wall-clock minutes (hours::LocalMinutes), as
// the places' opening hours are: what the citizen reads, whatever the machine's time zone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/config.hpp"
#include "kiosk/core/hours/calendar.hpp"

namespace kiosk::booking {

enum class Level { Any, Beginner, Intermediate, Advanced };   // "débutant", "intermédiaire", "avancé"
std::string_view level_name(Level l);                         // "beginner"… (files, the protocol)
std::optional<Level> level_from_name(std::string_view name);  // also the French words

// How a seat is taken: the hub confirms it (kiosk protocol), RDV Service Public through the hub, or the
// place calls the citizen back (sessions from content).
enum class HowToBook { Hub, RdvServicePublic, CallBack };
std::string_view how_name(HowToBook h);  // "hub", "rdv-service-public", "call-back"

struct Workshop {
    std::string id;              // unique over all sources: "content:…", "hub:…", "rdvsp:…"
    std::string place_id;        // the standard's place id (places::Place::id) when known
    std::string place_name;      // as the source names it
    std::string address;         // one line
    std::string title;           // "Créer son adresse e-mail"
    std::uint16_t services = 0;  // places::Service bits (the standard's 9 categories)
    Level level = Level::Any;
    hours::LocalMinutes starts = 0;  // Europe/Paris wall-clock minutes
    int duration_min = 60;
    int seats_total = -1;  // -1: not said
    int seats_left = -1;   // -1: not said (call-back sessions)
    bool pass_accepted = false;
    HowToBook how = HowToBook::CallBack;
    std::string phone;        // the place's, for call-back sessions and the ticket
    std::string booking_url;  // a public page where it can be booked from a phone (RDV-SP public link)
    std::string source;       // "content", "hub", "rdvsp"

    bool full() const { return seats_left == 0; }
};

// The sessions of a content file (TOML, see content/demo/workshops.toml). A session gives its day either as
// `date = "2026-12-08"` or, in demo content, as `in_days = 2` (days after `today`, so that a demo never runs
// out of sessions and tests never depend on the real date). Problems go to `errors`, the good ones are kept.
std::vector<Workshop> parse_workshops(std::string_view toml_text, const std::string& source,
                                      const hours::LocalDate& today, std::vector<ConfigError>& errors);

// JSON, as the cache stores one session and the kiosk protocol sends it.
std::string to_json(const Workshop& w);
std::optional<Workshop> workshop_from_json(std::string_view json);

// "2026-12-08T14:00:00+01:00", "2026-12-08 14:00:00 +0100" (RDV-SP) → the local minutes written there (the
// offset is the place's own: what the person reads is the wall-clock part).
std::optional<hours::LocalMinutes> parse_local_time(std::string_view text);
std::string local_time_text(hours::LocalMinutes m);  // "2026-12-08T14:00"

// What the citizen is offered: sessions still to come (starting after `now`), nearest in time first,
// optionally only those on `services` (any of them) and at `level` (Any: all levels; a level also keeps
// "all levels" sessions).
std::vector<Workshop> upcoming(const std::vector<Workshop>& all, hours::LocalMinutes now,
                               std::uint16_t services = 0, Level level = Level::Any);

}  // namespace kiosk::booking
